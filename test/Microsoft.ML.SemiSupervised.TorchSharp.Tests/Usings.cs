global using Xunit;

// One test at a time: fits share LibTorch's process-wide state (threads, the global random source of initial weights),
// and concurrent fits were seen to corrupt each other's tensors (see docs/neural-networks.md, known issues).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
