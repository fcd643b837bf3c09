// RFC 9106, Argon2 (memory-hard password hashing and key derivation): Argon2id, Argon2i and Argon2d, versions
// 0x13 and 0x10. Inputs: password P, salt S (>= 8 bytes), optional secret K and associated data X; output: T bytes.
// Choices: BLAKE2b from libsodium; G in Vector256 (AVX2), Vector128 or scalar code, chosen by the hardware; lanes
// in parallel threads; the memory matrix in dont-dump memory, locked when the memlock budget allows, wiped after.
// H0 and every intermediate hash live on the stack and are wiped. The output is written last, and cleared when
// the derivation fails or is cancelled.
using System.Security.Cryptography;
using NoFuture.Crypto.PasswordHashing;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// Argon2 (RFC 9106): derives a key or a password hash from a password, a salt and cost parameters.
/// </summary>
/// <remarks>
/// <para>Pass the password as a span over a <see cref="Secret"/> (for example from <see cref="Secret.ReadPassphrase"/>)
/// and write the output into secret memory (<c>DeriveKey(..., lease.Span)</c>) or take it as a <see cref="Secret"/>.</para>
/// <para>For stored password hashes use <see cref="Argon2PhcString"/>, which adds a random salt and the PHC encoding.</para>
/// <para>Argon2d and the second half of Argon2id's first pass use data-dependent memory access (by design): avoid Argon2d
/// where an attacker can observe cache timing.</para>
/// </remarks>
public static class Argon2
{
    /// <summary>Derives <see cref="Argon2Parameters.TagLength"/> bytes into <paramref name="output"/>.</summary>
    /// <param name="password">P: the password (a span over secret memory); may be empty.</param>
    /// <param name="salt">S: at least <see cref="Argon2Parameters.MinSaltLength"/> bytes; 16 random bytes are recommended.</param>
    /// <param name="parameters">Type, version, memory, passes, lanes and tag length.</param>
    /// <param name="output">Exactly <see cref="Argon2Parameters.TagLength"/> bytes; cleared if the derivation fails.</param>
    /// <param name="secret">K: an optional key (pepper), a span over secret memory.</param>
    /// <param name="associatedData">X: optional associated data.</param>
    /// <param name="cancellationToken">Stops a long derivation (checked every 128 blocks per lane).</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentException">The output or salt has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The memory size exceeds the memory available to the process.</exception>
    /// <exception cref="OperationCanceledException">The derivation was cancelled (the output is cleared).</exception>
    /// <exception cref="ObjectDisposedException"><see cref="SecureMemory.Purge"/> ran during the derivation and wiped its
    /// memory (the output is cleared).</exception>
    public static void DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, Argon2Parameters parameters,
        Span<byte> output, ReadOnlySpan<byte> secret = default, ReadOnlySpan<byte> associatedData = default,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (output.Length != parameters.TagLength) CryptoThrowHelper.WrongSize(nameof(output), parameters.TagLength);
        Validate(salt, parameters);
        cancellationToken.ThrowIfCancellationRequested();
        DeriveKeyCore(password, salt, parameters, output, secret, associatedData, Argon2Paths.Best, cancellationToken);
    }

    /// <summary>Derives <see cref="Argon2Parameters.TagLength"/> bytes into a new <see cref="Secret"/>.</summary>
    /// <remarks>A separate name, not a <c>DeriveKey</c> overload: with a <c>byte[]</c> argument the compiler could
    /// otherwise bind an intended output buffer to <paramref name="secret"/>.</remarks>
    /// <param name="password">P: the password (a span over secret memory); may be empty.</param>
    /// <param name="salt">S: at least <see cref="Argon2Parameters.MinSaltLength"/> bytes; 16 random bytes are recommended.</param>
    /// <param name="parameters">Type, version, memory, passes, lanes and tag length (at most <see cref="Secret.MaxLength"/>).</param>
    /// <param name="secret">K: an optional key (pepper), a span over secret memory.</param>
    /// <param name="associatedData">X: optional associated data.</param>
    /// <param name="cancellationToken">Stops a long derivation (checked every 128 blocks per lane).</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentException">The salt is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The tag length exceeds <see cref="Secret.MaxLength"/>, or the memory
    /// size exceeds the memory available to the process (both name <paramref name="parameters"/>).</exception>
    /// <exception cref="OperationCanceledException">The derivation was cancelled (the secret is disposed).</exception>
    /// <exception cref="ObjectDisposedException"><see cref="SecureMemory.Purge"/> ran during the derivation.</exception>
    public static Secret DeriveSecret(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, Argon2Parameters parameters,
        ReadOnlySpan<byte> secret = default, ReadOnlySpan<byte> associatedData = default,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        // Every check before the allocation, so a refused call allocates nothing and names its own parameter.
        if (parameters.TagLength > Secret.MaxLength) CryptoThrowHelper.Argon2TagLongerThanSecret(nameof(parameters));
        Validate(salt, parameters);
        Secret key = Secret.Allocate(parameters.TagLength);
        try
        {
            using (SecretWriteLease lease = key.OpenWrite())
                DeriveKey(password, salt, parameters, lease.Span, secret, associatedData, cancellationToken);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The derivation on a given path; the optional hook sees the matrix after each pass (tests).</summary>
    internal static void DeriveKeyCore(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, Argon2Parameters parameters,
        Span<byte> output, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> associatedData, Argon2Path path,
        CancellationToken cancellationToken, Action<int, Argon2Instance>? afterPass = null)
    {
        Blake2bLong.EnsureReady();
        Span<byte> h0 = stackalloc byte[Blake2bLong.H0Length];
        try
        {
            using var instance = new Argon2Instance(parameters, path, cancellationToken);
            Blake2bLong.InitialHash(parameters, password, salt, secret, associatedData, h0);
            instance.Initialize(h0);
            CryptographicOperations.ZeroMemory(h0);
            instance.Fill(afterPass is null ? null : pass => afterPass(pass, instance));
            instance.Finish(output);
            // A purge during the derivation zeroed the matrix under it: the tag is wrong, so it is cleared, not returned.
            if (instance.WasPurged) CryptoThrowHelper.Argon2Purged();
        }
        catch
        {
            CryptographicOperations.ZeroMemory(output);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(h0);
        }
    }

    /// <summary>The argument checks shared by every entry point: the salt's length and the memory's size.</summary>
    private static void Validate(ReadOnlySpan<byte> salt, Argon2Parameters parameters)
    {
        if (salt.Length < Argon2Parameters.MinSaltLength) CryptoThrowHelper.TooSmall(nameof(salt), Argon2Parameters.MinSaltLength);
        CheckMemoryAvailable(parameters);
    }

    /// <summary>Refuses parameters asking for more memory than the process can get: the caller's own parameters are a
    /// caller mistake (<see cref="ArgumentOutOfRangeException"/>), a stored string's are untrusted input
    /// (<see cref="Argon2Exception"/> with <see cref="Argon2Error.MemoryUnavailable"/>).</summary>
    internal static void CheckMemoryAvailable(Argon2Parameters parameters, bool fromStoredString = false)
    {
        long needed = (long)parameters.BlockCount * Argon2Instance.BlockBytes;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (needed <= available) return;
        if (fromStoredString) CryptoThrowHelper.Argon2StoredMemoryUnavailable(needed >> 20, available >> 20);
        CryptoThrowHelper.Argon2MemoryUnavailable(nameof(parameters), needed >> 20, available >> 20);
    }
}
