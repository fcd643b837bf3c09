// SHA3-256 and SHA3-512 (FIPS 202 §6.1) over our Keccak sponge (Keccak/KeccakState), on every platform. The
// incremental state is a KeccakState (a plain struct) viewed over the hasher's Secret.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NoFuture.Crypto.Keccak;

namespace NoFuture.Crypto.Hashing;

internal sealed class Sha3HashAlgorithm : HashAlgorithm
{
    private readonly int _bits;

    internal Sha3HashAlgorithm(int bits)
        : base(bits == 256 ? "SHA3-256" : "SHA3-512", bits / 8, bits == 256 ? KeccakState.Sha3_256Rate : KeccakState.Sha3_512Rate) =>
        _bits = bits;

    private KeccakState NewState() => _bits == 256 ? KeccakState.Sha3_256() : KeccakState.Sha3_512();

    private protected override void HashCore(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (_bits == 256) Sha3.Sha3_256(data, destination);
        else Sha3.Sha3_512(data, destination);
    }

    internal override int StateSizeInBytes => Unsafe.SizeOf<KeccakState>();

    private static ref KeccakState AsState(Span<byte> state) =>
        ref MemoryMarshal.AsRef<KeccakState>(state[..Unsafe.SizeOf<KeccakState>()]);

    internal override void InitState(Span<byte> state) => AsState(state) = NewState();

    internal override void AppendState(Span<byte> state, ReadOnlySpan<byte> data) => AsState(state).Absorb(data);

    internal override void FinishState(Span<byte> state, Span<byte> digest)
    {
        ref KeccakState s = ref AsState(state);
        s.Squeeze(digest);
        s.Clear();
        s = NewState();
    }
}
