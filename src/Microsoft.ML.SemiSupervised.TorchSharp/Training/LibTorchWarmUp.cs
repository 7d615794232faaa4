using TorchSharp;
using F = TorchSharp.torch.nn.functional;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// Runs, once per process and on a thread of its own (which has no dispose scope), the tensor operations this package
/// uses, before any of them runs inside a <c>torch.NewDisposeScope()</c>. TorchSharp keeps objects it creates on first
/// use (such as the Scalar 1 of <c>a + b</c>); created inside a dispose scope, such an object is freed when the scope
/// ends while TorchSharp keeps using it, which showed as "Unknown scalar type", "Expected false to be true" (Scalar.h)
/// and similar errors in whichever fit came after a scoped prediction. Created here, they live as long as the process.
/// </summary>
internal static class LibTorchWarmUp
{
    private static readonly Lazy<bool> s_done = new(Run, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureDone() => _ = s_done.Value;

    private static bool Run()
    {
        var thread = new Thread(Operations) { IsBackground = true, Name = "LibTorch warm-up" };
        thread.Start();
        thread.Join();
        return true;
    }

    private static void Operations()
    {
        using var a = torch.ones(2, 3);
        using var b = torch.ones(2, 3);
        using var classes = torch.zeros(2, dtype: torch.int64);
        var results = new List<torch.Tensor>
        {
            a + b, a - b, a * b, a / b, -a, a.add(b), a.sub(b), a.mul(b), a.div(b),
            a.sum(), a.mean(), a.sum(1, keepdim: true), a.mean([1L], keepdim: true), a.argmax(1), a.max(1).values,
            F.softmax(a, 1), F.log_softmax(a, 1), F.cross_entropy(a, classes), F.cross_entropy(a, classes, reduction: torch.nn.Reduction.None),
            F.mse_loss(a, b), F.one_hot(classes, 3), a.Times(2), a.Plus(b, 2), a.AtLeast(1), a.Below(1), a.Power(2),
            a.FilledWhere(a.Below(2), 0), torch.where(a.AtLeast(1), a, b), a.clone(), a.detach(), a.alias(), a.contiguous(),
        };
        using (torch.no_grad())
        {
            results.Add(a.clone().mul_(b).add_(b));
            results.Add(a.clone().copy_(b));
        }
        foreach (var result in results)
            result.Dispose();
    }
}
