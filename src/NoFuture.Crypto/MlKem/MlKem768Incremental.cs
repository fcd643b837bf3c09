// Incremental (split) ML-KEM-768 encapsulation, the form Signal's Sparse Post-Quantum Ratchet (SPQR, the "ML-KEM
// Braid") sends in chunks, with the byte layouts of libcrux's ml_kem::mlkem768::incremental API that the
// SparsePostQuantumRatchet crate (spqr 1.5) uses:
//   ek (FIPS 203, 1184 bytes) = ByteEncode12(t-hat) (1152) || rho (32)
//   header (64)               = rho || H(ek)                          -- "pk1"
//   encapsulation key vector  = ByteEncode12(t-hat), ek[0 : 1152]    -- "pk2"
//   c (1088)                  = c1 (960: u, du = 10) || c2 (128: v, dv = 4)
// Encapsulate1 is Algorithm 17 (Encaps_internal) steps 1-2 with K-PKE.Encrypt (Algorithm 14) cut after c1: (K, r) =
// G(m || H(ek)) needs only H(ek), and u needs only A-hat (from rho) and r. Encapsulate2 finishes v from t-hat, m and r.
// c1 || c2 is the standard ciphertext and K the standard shared key, so the standard Decaps (Algorithm 18) opens it.
//
// Choices:
// - Only ML-KEM-768: the one parameter set SPQR uses.
// - The encapsulation state is ours (libcrux keeps y-hat and e2; we keep the 32-byte seeds they come from and
//   recompute them): m (32) || r (32) || header (64), 128 bytes. It holds secrets (m and r give K), so the caller
//   keeps it in secret memory. Keeping the header lets Encapsulate2 check the vector against H(ek) itself.
// - Checks on untrusted public input: the vector must pass FIPS 203 section 7.2's modulus check and hash, with rho,
//   to the header's H(ek) (the consistency check libcrux offers as validate_pk_bytes). Either failure is a
//   CryptoException (InvalidPublicKey) before anything is written. The header alone cannot be checked.
// - m comes from the OS CSPRNG into stack scratch, wiped; every stack buffer holding m, r or K is wiped.
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.MlKem.Simd;

namespace NoFuture.Crypto;

/// <summary>
/// Incremental ML-KEM-768 (FIPS 203) encapsulation as Signal's Sparse Post-Quantum Ratchet uses it: the
/// encapsulation key travels as a 64-byte header (rho || H(ek)) and a 1152-byte vector (t-hat), and the ciphertext
/// as c1 (960 bytes, computable from the header alone) and c2 (128 bytes, which needs the vector). c1 || c2 is a
/// standard ML-KEM-768 ciphertext that <see cref="MlKemKey"/> decapsulates to the same shared secret.
/// </summary>
/// <remarks>
/// <para>Key generation is the standard one: <see cref="MlKemKey.Generate"/> with <see cref="MLKemAlgorithm.MLKem768"/>,
/// then <see cref="SplitEncapsulationKey"/> on its encapsulation key.</para>
/// <para>The encapsulation state written by <see cref="Encapsulate1"/> and the shared secret are secrets: point
/// them at secret memory (for example a <see cref="NoFuture.Memory.SecretWriteLease"/>'s span).</para>
/// </remarks>
public static class MlKem768Incremental
{
    /// <summary>Size of the header: rho (32 bytes) || H(ek) (32 bytes).</summary>
    public const int HeaderSizeInBytes = 64;

    /// <summary>Size of the encapsulation key vector: ByteEncode12(t-hat), the first 1152 bytes of ek.</summary>
    public const int EncapsulationKeyVectorSizeInBytes = 1152;

    /// <summary>Size of the standard ML-KEM-768 encapsulation key (vector || rho).</summary>
    public const int EncapsulationKeySizeInBytes = 1184;

    /// <summary>Size of c1, the first part of the ciphertext (compressed u).</summary>
    public const int Ciphertext1SizeInBytes = 960;

    /// <summary>Size of c2, the second part of the ciphertext (compressed v).</summary>
    public const int Ciphertext2SizeInBytes = 128;

    /// <summary>Size of the (secret) encapsulation state passed from <see cref="Encapsulate1"/> to <see cref="Encapsulate2"/>.</summary>
    public const int EncapsulationStateSizeInBytes = 128;

    /// <summary>Size of the shared secret.</summary>
    public const int SharedSecretSizeInBytes = 32;

    private static MlKemParameters P => MlKemParameters.MlKem768;

    /// <summary>
    /// Splits a standard ML-KEM-768 encapsulation key into the header (rho || H(ek)) and the vector (ek[0 : 1152]).
    /// </summary>
    /// <param name="encapsulationKey">The 1184-byte encapsulation key (for example from <see cref="MLKem.ExportEncapsulationKey(Span{byte})"/>).</param>
    /// <param name="header">Receives the 64-byte header.</param>
    /// <param name="encapsulationKeyVector">Receives the 1152-byte vector.</param>
    /// <exception cref="ArgumentException">A buffer has the wrong size, or the outputs overlap each other or the input.</exception>
    /// <exception cref="CryptoException">The key fails the FIPS 203 section 7.2 modulus check (<see cref="CryptoError.InvalidPublicKey"/>).</exception>
    public static void SplitEncapsulationKey(ReadOnlySpan<byte> encapsulationKey, Span<byte> header, Span<byte> encapsulationKeyVector)
    {
        if (encapsulationKey.Length != EncapsulationKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(encapsulationKey), EncapsulationKeySizeInBytes);
        if (header.Length != HeaderSizeInBytes) CryptoThrowHelper.WrongSize(nameof(header), HeaderSizeInBytes);
        if (encapsulationKeyVector.Length != EncapsulationKeyVectorSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(encapsulationKeyVector), EncapsulationKeyVectorSizeInBytes);
        if (header.Overlaps(encapsulationKey)) CryptoThrowHelper.Overlap(nameof(header));
        if (encapsulationKeyVector.Overlaps(encapsulationKey)) CryptoThrowHelper.Overlap(nameof(encapsulationKeyVector));
        if (encapsulationKeyVector.Overlaps(header)) CryptoThrowHelper.Overlap(nameof(encapsulationKeyVector));
        if (!MlKemCore.EncapsulationKeyModulusCheck(P, encapsulationKey)) CryptoThrowHelper.InvalidMlKemEncapsulationKey();
        encapsulationKey[EncapsulationKeyVectorSizeInBytes..].CopyTo(header);
        Sha3.Sha3_256(encapsulationKey, header[32..]);
        encapsulationKey[..EncapsulationKeyVectorSizeInBytes].CopyTo(encapsulationKeyVector);
    }

    /// <summary>
    /// True when <paramref name="encapsulationKeyVector"/> passes the FIPS 203 section 7.2 modulus check and
    /// H(vector || rho) equals the header's H(ek): the two parts form one valid encapsulation key.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer has the wrong size.</exception>
    public static bool EncapsulationKeyMatchesHeader(ReadOnlySpan<byte> header, ReadOnlySpan<byte> encapsulationKeyVector)
    {
        if (header.Length != HeaderSizeInBytes) CryptoThrowHelper.WrongSize(nameof(header), HeaderSizeInBytes);
        if (encapsulationKeyVector.Length != EncapsulationKeyVectorSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(encapsulationKeyVector), EncapsulationKeyVectorSizeInBytes);
        return Matches(header, encapsulationKeyVector);
    }

    private static bool Matches(ReadOnlySpan<byte> header, ReadOnlySpan<byte> vector)
    {
        if (!PolyEncoding.AllBelowQ(vector)) return false;
        Span<byte> hash = stackalloc byte[32];
        Sha3.Sha3_256(vector, header[..32], hash); // H(ek), ek = vector || rho
        // Public values: the comparison need not be constant time, but FixedTimeEquals is as short to write.
        return CryptographicOperations.FixedTimeEquals(hash, header[32..]);
    }

    /// <summary>
    /// First half of encapsulation, from the header alone: writes c1, the 32-byte shared secret and the secret
    /// encapsulation state that <see cref="Encapsulate2"/> needs. The randomness m is drawn from the OS CSPRNG.
    /// </summary>
    /// <param name="header">The peer's 64-byte header (rho || H(ek)).</param>
    /// <param name="ciphertext1">Receives c1: 960 bytes.</param>
    /// <param name="encapsulationState">Receives the state: 128 secret bytes.</param>
    /// <param name="sharedSecret">Receives the shared secret: 32 bytes, equal to what decapsulating c1 || c2 gives.</param>
    /// <exception cref="ArgumentException">A buffer has the wrong size, or any two buffers overlap (nothing is written).</exception>
    public static void Encapsulate1(ReadOnlySpan<byte> header, Span<byte> ciphertext1, Span<byte> encapsulationState, Span<byte> sharedSecret)
    {
        CheckEncapsulate1(header, ciphertext1, encapsulationState, sharedSecret);
        Span<byte> m = stackalloc byte[32];
        try
        {
            RandomNumberGenerator.Fill(m);
            Encapsulate1Core(header, m, ciphertext1, encapsulationState, sharedSecret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(m);
        }
    }

    /// <summary><see cref="Encapsulate1"/> with a caller-chosen m, for Testing.MlKemTesting only.</summary>
    internal static void Encapsulate1Derandomized(ReadOnlySpan<byte> header, ReadOnlySpan<byte> m, Span<byte> ciphertext1, Span<byte> encapsulationState, Span<byte> sharedSecret)
    {
        CheckEncapsulate1(header, ciphertext1, encapsulationState, sharedSecret);
        if (m.Length != 32) CryptoThrowHelper.WrongSize(nameof(m), 32);
        Encapsulate1Core(header, m, ciphertext1, encapsulationState, sharedSecret);
    }

    private static void CheckEncapsulate1(ReadOnlySpan<byte> header, Span<byte> ciphertext1, Span<byte> encapsulationState, Span<byte> sharedSecret)
    {
        if (header.Length != HeaderSizeInBytes) CryptoThrowHelper.WrongSize(nameof(header), HeaderSizeInBytes);
        if (ciphertext1.Length != Ciphertext1SizeInBytes) CryptoThrowHelper.WrongSize(nameof(ciphertext1), Ciphertext1SizeInBytes);
        if (encapsulationState.Length != EncapsulationStateSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(encapsulationState), EncapsulationStateSizeInBytes);
        if (sharedSecret.Length != SharedSecretSizeInBytes) CryptoThrowHelper.WrongSize(nameof(sharedSecret), SharedSecretSizeInBytes);
        if (ciphertext1.Overlaps(header)) CryptoThrowHelper.Overlap(nameof(ciphertext1));
        if (encapsulationState.Overlaps(header)) CryptoThrowHelper.Overlap(nameof(encapsulationState));
        if (sharedSecret.Overlaps(header)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        if (encapsulationState.Overlaps(ciphertext1)) CryptoThrowHelper.Overlap(nameof(encapsulationState));
        if (sharedSecret.Overlaps(ciphertext1)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        if (sharedSecret.Overlaps(encapsulationState)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
    }

    private static void Encapsulate1Core(ReadOnlySpan<byte> header, ReadOnlySpan<byte> m, Span<byte> ciphertext1, Span<byte> state, Span<byte> sharedSecret)
    {
        Span<byte> kr = stackalloc byte[64];
        try
        {
            // Algorithm 17, step 1: (K, r) = G(m || H(ek)); step 2, first half: c1 from rho and r.
            Sha3.Sha3_512(m, header[32..], kr);
            KPke.EncryptFirstPart(P, MlKemPaths.Best, header[..32], kr[32..], ciphertext1);
            m.CopyTo(state[..32]);
            kr[32..].CopyTo(state.Slice(32, 32));
            header.CopyTo(state[64..]);
            kr[..32].CopyTo(sharedSecret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kr);
        }
    }

    /// <summary>
    /// Second half of encapsulation: writes c2 from the state of <see cref="Encapsulate1"/> and the peer's vector,
    /// after checking the vector against the header the state was made from.
    /// </summary>
    /// <param name="encapsulationState">The 128-byte state from <see cref="Encapsulate1"/>.</param>
    /// <param name="encapsulationKeyVector">The peer's 1152-byte vector.</param>
    /// <param name="ciphertext2">Receives c2: 128 bytes.</param>
    /// <exception cref="ArgumentException">A buffer has the wrong size, or <paramref name="ciphertext2"/> overlaps an input.</exception>
    /// <exception cref="CryptoException">The vector fails the modulus check or does not hash, with the header's rho, to
    /// its H(ek) (<see cref="CryptoError.InvalidPublicKey"/>); nothing is written.</exception>
    public static void Encapsulate2(ReadOnlySpan<byte> encapsulationState, ReadOnlySpan<byte> encapsulationKeyVector, Span<byte> ciphertext2)
    {
        if (encapsulationState.Length != EncapsulationStateSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(encapsulationState), EncapsulationStateSizeInBytes);
        if (encapsulationKeyVector.Length != EncapsulationKeyVectorSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(encapsulationKeyVector), EncapsulationKeyVectorSizeInBytes);
        if (ciphertext2.Length != Ciphertext2SizeInBytes) CryptoThrowHelper.WrongSize(nameof(ciphertext2), Ciphertext2SizeInBytes);
        if (ciphertext2.Overlaps(encapsulationState)) CryptoThrowHelper.Overlap(nameof(ciphertext2));
        if (ciphertext2.Overlaps(encapsulationKeyVector)) CryptoThrowHelper.Overlap(nameof(ciphertext2));
        if (!Matches(encapsulationState[64..], encapsulationKeyVector))
            CryptoThrowHelper.PublicKeyRejected("ML-KEM-768 incremental encapsulation", "the modulus check or the header's H(ek)");
        // Algorithm 14, the rest of step 2 onward: c2 from t-hat, m and r.
        KPke.EncryptSecondPart(P, MlKemPaths.Best, encapsulationKeyVector, encapsulationState[..32], encapsulationState.Slice(32, 32), ciphertext2);
    }

    /// <summary>
    /// Decapsulates c1 || c2 with an ML-KEM-768 key (FIPS 203, Algorithm 21, with implicit rejection): the same as
    /// <see cref="MLKem.Decapsulate(ReadOnlySpan{byte}, Span{byte})"/> on the concatenation.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException">The key is not ML-KEM-768, a buffer has the wrong size, or
    /// <paramref name="sharedSecret"/> overlaps an input.</exception>
    /// <exception cref="InvalidOperationException">The key has no decapsulation key.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public static void Decapsulate(MlKemKey key, ReadOnlySpan<byte> ciphertext1, ReadOnlySpan<byte> ciphertext2, Span<byte> sharedSecret)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Algorithm != MLKemAlgorithm.MLKem768) CryptoThrowHelper.NotMlKem768(nameof(key));
        if (ciphertext1.Length != Ciphertext1SizeInBytes) CryptoThrowHelper.WrongSize(nameof(ciphertext1), Ciphertext1SizeInBytes);
        if (ciphertext2.Length != Ciphertext2SizeInBytes) CryptoThrowHelper.WrongSize(nameof(ciphertext2), Ciphertext2SizeInBytes);
        if (sharedSecret.Length != SharedSecretSizeInBytes) CryptoThrowHelper.WrongSize(nameof(sharedSecret), SharedSecretSizeInBytes);
        if (sharedSecret.Overlaps(ciphertext1)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        if (sharedSecret.Overlaps(ciphertext2)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        Span<byte> c = stackalloc byte[Ciphertext1SizeInBytes + Ciphertext2SizeInBytes]; // public
        ciphertext1.CopyTo(c);
        ciphertext2.CopyTo(c[Ciphertext1SizeInBytes..]);
        key.Decapsulate(c, sharedSecret);
    }
}
