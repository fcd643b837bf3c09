// The C ABI's one way of writing a public value (a public key) into a caller's buffer: the needed length goes to
// *written when the caller asked for it, also when the buffer is too short, and nothing is written then
// (the export functions of include/nofuture.h; docs/native.md, "Crypto functions").
namespace NoFuture.Native;

internal static unsafe class NativeOutput
{
    /// <summary>Copies <paramref name="value"/> to (<paramref name="output"/>, <paramref name="outputLength"/>), or
    /// returns <see cref="NativeStatus.BufferTooSmall"/> having written only *<paramref name="written"/>.</summary>
    internal static int CopyPublic(ReadOnlySpan<byte> value, byte* output, nuint outputLength, nuint* written)
    {
        if (written is not null) *written = (nuint)value.Length;
        if (outputLength < (nuint)value.Length) return NativeStatus.BufferTooSmall;
        // SAFETY: output is non-null (every caller checks it first) and holds outputLength >= value.Length bytes by
        // the caller's contract, checked just above.
        value.CopyTo(new Span<byte>(output, value.Length));
        return NativeStatus.Ok;
    }
}
