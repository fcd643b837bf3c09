// TEST STAND-IN for the SPQR state (Signal's ML-KEM Braid, SparsePostQuantumRatchet). It implements the internal
// contract the session layer uses (spqr::initial_state / send / recv as libsignal's ratchet.rs and session cipher call
// them) WITHOUT any post-quantum ratchet: Send returns an empty message and no key, Recv accepts only an empty message
// (no key) and rejects anything else. A session over this stand-in is the classical Double Ratchet after PQXDH, so it
// can talk to itself but not to libsignal 0.103, which requires SPQR in every message. The real implementation
// replaces this file (and adds its own files to this folder) when it is merged.
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Sessions.Spqr;

/// <summary>Which way a state sends: A is the PQXDH initiator (libsignal: Alice uses A2B).</summary>
internal enum SpqrDirection
{
    A2B,
    B2A,
}

/// <summary>SPQR's rejection of a message or record (stand-in: any non-empty message).</summary>
internal sealed class SpqrException(string message) : CryptographicException(message);

/// <summary>Stand-in SPQR state: no post-quantum ratchet (see the file header).</summary>
[SuppressMessage("Performance", "CA1822", Justification = "Instance members by contract: the real SPQR state replaces this stand-in.")]
internal sealed class SpqrState : IDisposable
{
    private const int RecordSize = 1 + 32 + 4 + 4;

    private readonly SpqrDirection _direction;
    private readonly Secret _authKey;
    private readonly int _maxJump, _maxOutOfOrderKeys;

    private SpqrState(SpqrDirection direction, Secret authKey, int maxJump, int maxOutOfOrderKeys)
    {
        _direction = direction;
        _authKey = authKey;
        _maxJump = maxJump;
        _maxOutOfOrderKeys = maxOutOfOrderKeys;
    }

    internal static SpqrState Create(SpqrDirection direction, ReadOnlySpan<byte> authKey, int maxJump, int maxOutOfOrderKeys) =>
        new(direction, Secret.CopyFrom(authKey), maxJump, maxOutOfOrderKeys);

    /// <summary>Stand-in: no message, no key.</summary>
    internal byte[] Send(Span<byte> messageKey, out bool hasKey)
    {
        messageKey.Clear();
        hasKey = false;
        return [];
    }

    /// <summary>Stand-in: an empty message gives no key; anything else is rejected and changes nothing.</summary>
    internal bool Recv(ReadOnlySpan<byte> message, Span<byte> messageKey)
    {
        messageKey.Clear();
        if (!message.IsEmpty) throw new SpqrException("The SPQR stand-in cannot process post-quantum ratchet messages.");
        return false;
    }

    internal SpqrState Clone() => new(_direction, _authKey.Clone(), _maxJump, _maxOutOfOrderKeys);

    internal int ExportedLength => RecordSize;

    internal void Export(Span<byte> destination)
    {
        destination[0] = (byte)_direction;
        using (SecretReadLease key = _authKey.OpenRead()) key.Span.CopyTo(destination[1..33]);
        BinaryPrimitives.WriteInt32LittleEndian(destination[33..], _maxJump);
        BinaryPrimitives.WriteInt32LittleEndian(destination[37..], _maxOutOfOrderKeys);
    }

    internal static SpqrState Import(ReadOnlySpan<byte> exported)
    {
        if (exported.Length != RecordSize || exported[0] > 1) throw new SpqrException("The SPQR record is malformed.");
        return Create((SpqrDirection)exported[0], exported[1..33], BinaryPrimitives.ReadInt32LittleEndian(exported[33..]),
            BinaryPrimitives.ReadInt32LittleEndian(exported[37..]));
    }

    internal int EpochsCompleted => 0;

    public void Dispose() => _authKey.Dispose();
}
