// A pseudorandom key imported once for many HKDF-Expand calls (KdfAlgorithm.ImportPrk), for protocols that expand one
// PRK many times (MLS's ExpandWithLabel, RFC 9420 §8; TLS 1.3's HKDF-Expand-Label, RFC 8446 §7.1). What it keeps
// (the keyed HMAC states, or the PRK where SHA-2 runs in the BCL) is in a Secret it owns: wiped on Dispose and by
// SecureMemory.Purge, after which every call throws ObjectDisposedException. Thread-safe for concurrent Expand calls
// (each reads the state and works on its own stack copies).
using System.Diagnostics;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// A pseudorandom key prepared for repeated HKDF-Expand (create it with <see cref="KdfAlgorithm.ImportPrk(Secret)"/>).
/// Dispose it to wipe it.
/// </summary>
[DebuggerDisplay("KdfKey {Algorithm.Name}")]
public sealed class KdfKey : IDisposable
{
    private readonly Secret _state;
    private bool _disposed;

    private KdfKey(KdfAlgorithm algorithm, Secret state)
    {
        Algorithm = algorithm;
        _state = state;
    }

    /// <summary>Builds the state for <paramref name="prk"/> (already checked) in a new Secret.</summary>
    internal static KdfKey Create(KdfAlgorithm algorithm, ReadOnlySpan<byte> prk)
    {
        Secret state = Secret.Allocate(algorithm.KeyStateSizeInBytes(prk.Length));
        try
        {
            using (SecretWriteLease lease = state.OpenWrite()) algorithm.ImportKeyState(prk, lease.Span);
            return new KdfKey(algorithm, state);
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    /// <summary>The KDF this key belongs to.</summary>
    public KdfAlgorithm Algorithm { get; }

    /// <summary>HKDF-Expand (RFC 5869 §2.3) of this PRK with <paramref name="info"/> into all of <paramref name="output"/>.</summary>
    /// <param name="info">Context and application-specific information (for MLS, the serialized KDFLabel).</param>
    /// <param name="output">Receives the keying material: 1 to <see cref="KdfAlgorithm.MaxOutputSizeInBytes"/> bytes.</param>
    /// <exception cref="ArgumentException">The output size is out of range or the output overlaps <paramref name="info"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed, or secret memory was purged.</exception>
    public void Expand(ReadOnlySpan<byte> info, Span<byte> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int max = Algorithm.MaxOutputSizeInBytes;
        if (output.Length < 1 || output.Length > max) CryptoThrowHelper.OutputSize(nameof(output), max);
        if (output.Overlaps(info)) CryptoThrowHelper.Overlap(nameof(output));
        using SecretReadLease lease = _state.OpenRead();
        Algorithm.ExpandFromKeyState(lease.Span, default, info, output);
    }

    /// <summary>HKDF-Expand of this PRK into a new <see cref="Secret"/> of <paramref name="length"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is not between 1 and <see cref="KdfAlgorithm.MaxOutputSizeInBytes"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed, or secret memory was purged.</exception>
    public Secret Expand(ReadOnlySpan<byte> info, int length, SecretOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int max = Algorithm.MaxOutputSizeInBytes;
        if (length < 1 || length > max) CryptoThrowHelper.OutOfRange(nameof(length), 1, max);
        Secret okm = Secret.Allocate(length, options);
        try
        {
            using SecretReadLease input = _state.OpenRead();
            using SecretWriteLease output = okm.OpenWrite();
            Algorithm.ExpandFromKeyState(input.Span, default, info, output.Span);
            return okm;
        }
        catch
        {
            okm.Dispose();
            throw;
        }
    }

    /// <summary>Wipes the key. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _state.Dispose();
    }

    /// <summary>Returns the type and the algorithm's name, never key material.</summary>
    public override string ToString() => $"KdfKey {Algorithm.Name}";
}
