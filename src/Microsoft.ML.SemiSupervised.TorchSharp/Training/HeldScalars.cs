using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// Tensor arithmetic with numbers, through 0-dimensional tensors rather than TorchSharp Scalars. TorchSharp shares
/// the Scalars of common numbers (the 1 of every <c>a + b</c>): a number converted to a Scalar inside a
/// <c>torch.NewDisposeScope()</c>, or disposed after use, can free that shared Scalar while TorchSharp keeps using it,
/// which showed as "Unknown scalar type", "Expected false to be true" (Scalar.h) or "For integral input tensors, argument
/// alpha must not be a floating point number" in later fits. Every number of this package's tensor code goes through here.
/// </summary>
internal static class HeldScalars
{
    /// <summary>
    /// A 0-dimensional tensor holding <paramref name="value"/>, made from an array: <c>torch.tensor(double)</c> goes
    /// through a shared Scalar itself.
    /// </summary>
    public static torch.Tensor Number(double value, torch.ScalarType dtype)
    {
        var number = torch.tensor(new[] { (float)value }, Array.Empty<long>());
        if (dtype == torch.float32)
            return number;
        using (number)
            return number.to_type(dtype);
    }

    public static torch.Tensor Times(this torch.Tensor tensor, double value)
    {
        using var number = Number(value, tensor.dtype);
        return tensor.mul(number);
    }

    /// <summary><paramref name="tensor"/> + <paramref name="alpha"/> x <paramref name="other"/>.</summary>
    public static torch.Tensor Plus(this torch.Tensor tensor, torch.Tensor other, double alpha)
    {
        using var scaled = other.Times(alpha);
        return tensor.add(scaled);
    }

    public static torch.Tensor AtLeast(this torch.Tensor tensor, double value)
    {
        using var number = Number(value, tensor.dtype);
        return tensor.ge(number);
    }

    public static torch.Tensor Below(this torch.Tensor tensor, double value)
    {
        using var number = Number(value, tensor.dtype);
        return tensor.lt(number);
    }

    /// <summary><paramref name="tensor"/> with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public static torch.Tensor FilledWhere(this torch.Tensor tensor, torch.Tensor mask, double value)
    {
        using var number = Number(value, tensor.dtype);
        return torch.where(mask, number, tensor);
    }

    public static torch.Tensor Power(this torch.Tensor tensor, double exponent)
    {
        using var number = Number(exponent, tensor.dtype);
        return tensor.pow(number);
    }
}
