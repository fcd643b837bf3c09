// SHA-256/384/512 (FIPS 180-4): OpenSSL's low-level functions on a context we own where LibCrypto.IsAvailable, else
// the BCL. Both are kept callable (native: false) so the tests can check that the two agree on every platform.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto.Hashing;

internal sealed class Sha2HashAlgorithm : HashAlgorithm
{
    internal Sha2HashAlgorithm(Sha2Variant variant, bool native)
        : base(variant switch { Sha2Variant.Sha256 => "SHA-256", Sha2Variant.Sha384 => "SHA-384", _ => "SHA-512" },
            Sha2Native.HashLength(variant), Sha2Native.BlockLength(variant))
    {
        Debug.Assert(!native || LibCrypto.IsAvailable);
        Variant = variant;
        Native = native;
    }

    internal Sha2Variant Variant { get; }

    /// <summary>True: OpenSSL's low-level SHA-2 on our context; false: the BCL.</summary>
    internal bool Native { get; }

    private protected override void HashCore(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (Native)
        {
            Sha2Native.Hash(Variant, data, destination);
            return;
        }
        switch (Variant)
        {
            case Sha2Variant.Sha256: SHA256.HashData(data, destination); break;
            case Sha2Variant.Sha384: SHA384.HashData(data, destination); break;
            default: SHA512.HashData(data, destination); break;
        }
    }

    internal override int StateSizeInBytes => Native ? Unsafe.SizeOf<Sha2Context>() : 0;

    internal override void InitState(Span<byte> state) => Sha2Native.Init(Variant, ref Sha2Native.AsContext(state));

    internal override void AppendState(Span<byte> state, ReadOnlySpan<byte> data) =>
        Sha2Native.Update(Variant, ref Sha2Native.AsContext(state), data);

    internal override void FinishState(Span<byte> state, Span<byte> digest)
    {
        ref Sha2Context ctx = ref Sha2Native.AsContext(state);
        Sha2Native.Final(Variant, ref ctx, digest);
        Sha2Native.Wipe(ref ctx);
        Sha2Native.Init(Variant, ref ctx);
    }

    internal override IncrementalHash? CreateBclHash() => Native ? null : IncrementalHash.CreateHash(Sha2Native.Name(Variant));
}
