// Checks for the (pointer, length) pairs of the C ABI's optional byte inputs (info, aad, psk_id, salt...).
namespace NoFuture.Native;

internal static unsafe class NativeInput
{
    /// <summary>The largest input or output length any function accepts (NF_SECRET_MAX_LENGTH, 2^30).</summary>
    internal const int MaxLength = 1 << 30;

    /// <summary>
    /// <see cref="NativeStatus.Ok"/> when (<paramref name="pointer"/>, <paramref name="length"/>) may be read: NULL is
    /// allowed only with length 0, and no length exceeds 2^30 (so an int cast is exact).
    /// </summary>
    internal static int Check(byte* pointer, nuint length)
    {
        if (pointer is null && length != 0) return NativeStatus.NullPointer;
        return length > MaxLength ? NativeStatus.InvalidArgument : NativeStatus.Ok;
    }

    /// <summary>The span over a pair that passed <see cref="Check"/>.</summary>
    internal static ReadOnlySpan<byte> Span(byte* pointer, nuint length) =>
        // SAFETY: Check passed, so pointer is readable for length (<= 2^30) bytes by the caller's contract, or
        // length is 0 (a null pointer with length 0 is a valid empty span).
        length == 0 ? default : new ReadOnlySpan<byte>(pointer, (int)length);
}
