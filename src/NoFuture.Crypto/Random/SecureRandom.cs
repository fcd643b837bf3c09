// Randomness for keys and nonces comes only from the operating system's CSPRNG (getrandom on Linux, BCryptGenRandom on
// Windows, via RandomNumberGenerator), written straight into the destination: into secret memory for secrets.
using System.Security.Cryptography;
using NoFuture.Memory;

// Namespace NoFuture.Crypto, not NoFuture.Crypto.Random: a namespace named Random would shadow System.Random for
// every file under NoFuture.Crypto.* (including tests).
namespace NoFuture.Crypto;

/// <summary>Fills spans and secrets from the operating system's CSPRNG.</summary>
public static class SecureRandom
{
    /// <summary>Fills <paramref name="destination"/> with random bytes (for nonces, salts, or a write lease's span).</summary>
    public static void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);

    /// <summary>Overwrites every byte of <paramref name="secret"/> with random bytes, inside a write lease.</summary>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    /// <exception cref="InvalidOperationException">The secret is frozen.</exception>
    public static void Fill(Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        using SecretWriteLease lease = secret.OpenWrite();
        RandomNumberGenerator.Fill(lease.Span);
    }

    /// <summary>Allocates a secret of <paramref name="length"/> random bytes, generated straight into secret memory.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is out of range.</exception>
    public static Secret CreateSecret(int length, SecretOptions? options = null) => Secret.CreateRandom(length, options);
}
