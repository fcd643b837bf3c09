// HKDF (RFC 5869) over one SHA-2 function, through Sha2Hmac on the hash's path (native OpenSSL low-level SHA-2 or the
// BCL). A KdfKey's state is the PRK's keyed HMAC inner and outer contexts on the native path (so Expand skips the two
// key compressions), or the PRK itself on the BCL path.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NoFuture.Crypto.Hashing;
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto.Kdf;

internal sealed class HkdfAlgorithm : KdfAlgorithm
{
    private static readonly int s_contextSize = Unsafe.SizeOf<Sha2Context>();

    internal HkdfAlgorithm(Sha2HashAlgorithm hash)
        : base("HKDF-" + hash.Name.Replace("-", "", StringComparison.Ordinal), hash)
    {
        Variant = hash.Variant;
        Native = hash.Native;
    }

    internal Sha2Variant Variant { get; }

    internal bool Native { get; }

    internal override void ExtractCore(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> ikm, Span<byte> prk)
    {
        Debug.Assert(prk.Length == HashSizeInBytes);
        Sha2Hmac.Extract(Variant, Native, salt, prefix, ikm, prk);
    }

    internal override void ExpandCore(ReadOnlySpan<byte> prk, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> info, Span<byte> output)
    {
        Debug.Assert(prk.Length >= HashSizeInBytes && output.Length is > 0 && output.Length <= MaxOutputSizeInBytes);
        Sha2Hmac.Expand(Variant, Native, prk, prefix, info, output);
    }

    internal override int KeyStateSizeInBytes(int prkLength) => Native ? 2 * s_contextSize : prkLength;

    internal override void ImportKeyState(ReadOnlySpan<byte> prk, Span<byte> state)
    {
        if (!Native)
        {
            prk.CopyTo(state);
            return;
        }
        Sha2Hmac.KeyStates(Variant, prk, ref Sha2Native.AsContext(state), ref Sha2Native.AsContext(state[s_contextSize..]));
    }

    internal override void ExpandFromKeyState(ReadOnlySpan<byte> state, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> info, Span<byte> output)
    {
        Debug.Assert(output.Length is > 0 && output.Length <= MaxOutputSizeInBytes);
        if (!Native)
        {
            Sha2Hmac.Expand(Variant, native: false, state, prefix, info, output);
            return;
        }
        ref readonly Sha2Context inner = ref MemoryMarshal.AsRef<Sha2Context>(state[..s_contextSize]);
        ref readonly Sha2Context outer = ref MemoryMarshal.AsRef<Sha2Context>(state.Slice(s_contextSize, s_contextSize));
        Sha2Hmac.ExpandFromStates(Variant, in inner, in outer, prefix, info, output);
    }
}
