// RFC 9106 §3.2 step 1 (the pre-hash H0) and §3.3 (the variable-length hash H'), over libsodium's BLAKE2b
// (docs/dependencies.md). Inputs are passed as pointers into the caller's memory (secret memory for
// the password, secret and output; the memory matrix for blocks), so nothing secret is copied to the GC heap.
// The BLAKE2b state and the 64-byte chaining values V_i live on the stack and are wiped in finally.
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto.PasswordHashing;

internal static unsafe class Blake2bLong
{
    internal const int H0Length = 64;
    private const int StateSpace = 512; // libsodium 1.0.22's state is 384 bytes; room for 64-byte alignment
    private static readonly int s_stateBytes = GetStateBytes();

    /// <summary>
    /// H0 = H^64(LE32(p) || LE32(T) || LE32(m) || LE32(t) || LE32(v) || LE32(y) || LE32(len P) || P
    /// || LE32(len S) || S || LE32(len K) || K || LE32(len X) || X) (RFC 9106 §3.2, step 1).
    /// </summary>
    internal static void InitialHash(Argon2Parameters parameters, ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt,
        ReadOnlySpan<byte> secret, ReadOnlySpan<byte> associatedData, Span<byte> h0)
    {
        Span<byte> stateSpace = stackalloc byte[StateSpace];
        Span<byte> header = stackalloc byte[24];
        try
        {
            BinaryPrimitives.WriteInt32LittleEndian(header, parameters.Parallelism);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], parameters.TagLength);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], parameters.MemorySizeKib);
            BinaryPrimitives.WriteInt32LittleEndian(header[12..], parameters.Iterations);
            BinaryPrimitives.WriteInt32LittleEndian(header[16..], (int)parameters.Version);
            BinaryPrimitives.WriteInt32LittleEndian(header[20..], (int)parameters.Type);
            // SAFETY: the state pointer is aligned inside stateSpace (StateSpace >= statebytes + 63); every other
            // pointer is fixed over a span of the length passed with it.
            fixed (byte* space = stateSpace)
            {
                byte* state = Align(space);
                Check(Sodium.CryptoGenericHashBlake2bInit(state, null, 0, H0Length));
                Update(state, header);
                UpdateWithLength(state, password);
                UpdateWithLength(state, salt);
                UpdateWithLength(state, secret);
                UpdateWithLength(state, associatedData);
                fixed (byte* output = h0) Check(Sodium.CryptoGenericHashBlake2bFinal(state, output, H0Length));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(stateSpace);
        }
    }

    /// <summary>H'^T(x || suffix), T = output.Length (RFC 9106 §3.3). Either part may be empty.</summary>
    internal static void Hash(ReadOnlySpan<byte> x, ReadOnlySpan<byte> suffix, Span<byte> output)
    {
        int tagLength = output.Length;
        Span<byte> stateSpace = stackalloc byte[StateSpace];
        Span<byte> v = stackalloc byte[Sodium.Blake2bBytesMax];
        Span<byte> lengthBytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(lengthBytes, tagLength);
        try
        {
            // SAFETY: as in InitialHash; output and v are fixed for the whole block.
            fixed (byte* space = stateSpace)
            fixed (byte* outPtr = output)
            fixed (byte* vPtr = v)
            {
                byte* state = Align(space);
                if (tagLength <= Sodium.Blake2bBytesMax)
                {
                    // T <= 64: H'^T(X) = H^T(LE32(T) || X)
                    Check(Sodium.CryptoGenericHashBlake2bInit(state, null, 0, (nuint)tagLength));
                    Update(state, lengthBytes);
                    Update(state, x);
                    Update(state, suffix);
                    Check(Sodium.CryptoGenericHashBlake2bFinal(state, outPtr, (nuint)tagLength));
                    return;
                }
                // r = ceil(T / 32) - 2; V_1 = H^64(LE32(T) || X); V_i = H^64(V_{i-1}); each gives its first 32 bytes;
                // V_{r+1} = H^{T - 32r}(V_r) gives the rest.
                int r = (tagLength + 31) / 32 - 2;
                Check(Sodium.CryptoGenericHashBlake2bInit(state, null, 0, Sodium.Blake2bBytesMax));
                Update(state, lengthBytes);
                Update(state, x);
                Update(state, suffix);
                Check(Sodium.CryptoGenericHashBlake2bFinal(state, vPtr, Sodium.Blake2bBytesMax));
                v[..32].CopyTo(output);
                for (int i = 2; i <= r; i++)
                {
                    Check(Sodium.CryptoGenericHashBlake2b(vPtr, Sodium.Blake2bBytesMax, vPtr, Sodium.Blake2bBytesMax, null, 0));
                    v[..32].CopyTo(output[(32 * (i - 1))..]);
                }
                int last = tagLength - 32 * r;
                Check(Sodium.CryptoGenericHashBlake2b(outPtr + 32 * r, (nuint)last, vPtr, Sodium.Blake2bBytesMax, null, 0));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(stateSpace);
            CryptographicOperations.ZeroMemory(v);
        }
    }

    private static void UpdateWithLength(byte* state, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, data.Length);
        Update(state, length);
        Update(state, data);
    }

    private static void Update(byte* state, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        // SAFETY: data is fixed for the call and its length is passed with it.
        fixed (byte* p = data) Check(Sodium.CryptoGenericHashBlake2bUpdate(state, p, (ulong)data.Length));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* Align(byte* space) => (byte*)(((nuint)space + 63) & ~(nuint)63);

    private static void Check(int result)
    {
        if (result != 0) CryptoThrowHelper.NativeFailed("crypto_generichash_blake2b");
    }

    private static int GetStateBytes()
    {
        Sodium.EnsureInitialized();
        int bytes = (int)Sodium.CryptoGenericHashBlake2bStateBytes();
        if (bytes + 63 > StateSpace) CryptoThrowHelper.NativeInitFailed("libsodium (BLAKE2b state larger than expected)");
        return bytes;
    }

    /// <summary>Checks libsodium once (sodium_init, state size) before the first hash.</summary>
    internal static void EnsureReady() => _ = s_stateBytes;
}
