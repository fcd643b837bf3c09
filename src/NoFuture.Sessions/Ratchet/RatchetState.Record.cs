// The session record for persistence: our own binary layout (not libsignal's SessionStructure protobuf), written into
// and read from a caller's Secret, so the keys go from one secret allocation to another. Little-endian:
//   "NFQS" ‖ version 1 ‖ flags (1 pending, 2 remote base key) ‖ local identity (33) ‖ remote identity (33) ‖
//   local registration id (4) ‖ root key (32) ‖ sender ratchet private key (32) ‖ sender chain key (32) ‖
//   sender index (4) ‖ previous counter (4) ‖ chain count (1) ‖ per chain: ratchet key (32) ‖ chain key (32) ‖
//   index (4) ‖ skipped count (4) ‖ per skipped key: counter (4) ‖ seed (32) ‖
//   [remote base key (32)] ‖ [pending: registration id (4) ‖ has one-time id (1) ‖ one-time id (4) ‖ signed id (4) ‖
//   KEM id (4) ‖ base key (32) ‖ KEM ciphertext length (2) ‖ KEM ciphertext] ‖ SPQR length (4) ‖ SPQR state.
// Import checks every length and count against the remaining bytes and the limits, and refuses the record
// (SessionError.InvalidRecord) before creating anything that would outlive the call; it reads the layout once to find
// the SPQR state (last in the record), imports it, then builds the session state once with it. The record holds keys: it is
// secret, and the caller encrypts it at rest (an Enclave, or a store's own AEAD, which also gives it integrity: the
// record has no MAC of its own).
using System.Buffers.Binary;
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Sessions.Spqr;

namespace NoFuture.Sessions.Ratchet;

internal sealed partial class RatchetState
{
    private static ReadOnlySpan<byte> Magic => "NFQS"u8;

    private const byte RecordVersion = 1, FlagPending = 1, FlagBaseKey = 2;

    internal int RecordLength
    {
        get
        {
            int n = 4 + 1 + 1 + 33 + 33 + 4 + 32 + 32 + 32 + 4 + 4 + 1;
            foreach (ReceiverChain chain in Receivers) n += 32 + 32 + 4 + 4 + chain.Skipped.Count * 36;
            if (RemoteBaseKey is not null) n += 32;
            if (Pending is PendingPreKey p) n += 4 + 1 + 4 + 4 + 4 + 32 + 2 + p.KyberCiphertext.Length;
            return n + 4 + Spqr.ExportedLength;
        }
    }

    internal void WriteRecord(Span<byte> d)
    {
        int o = 0;
        Magic.CopyTo(d);
        o += 4;
        d[o++] = RecordVersion;
        d[o++] = (byte)((Pending is null ? 0 : FlagPending) | (RemoteBaseKey is null ? 0 : FlagBaseKey));
        LocalIdentity.CopyTo(d[o..]);
        o += 33;
        RemoteIdentity.CopyTo(d[o..]);
        o += 33;
        o = U32(d, o, LocalRegistrationId);
        o = CopySecret(RootKey, d, o);
        SenderRatchet.ExportPrivateKey(d.Slice(o, 32));
        o += 32;
        o = CopySecret(SenderChainKey, d, o);
        o = U32(d, o, SenderIndex);
        o = U32(d, o, PreviousCounter);
        d[o++] = (byte)Receivers.Count;
        foreach (ReceiverChain chain in Receivers)
        {
            chain.RatchetKey.CopyTo(d[o..]);
            o += 32;
            o = CopySecret(chain.ChainKey, d, o);
            o = U32(d, o, chain.Index);
            o = U32(d, o, (uint)chain.Skipped.Count);
            foreach ((uint counter, Secret seed) in chain.Skipped)
            {
                o = U32(d, o, counter);
                o = CopySecret(seed, d, o);
            }
        }
        if (RemoteBaseKey is not null)
        {
            RemoteBaseKey.CopyTo(d[o..]);
            o += 32;
        }
        if (Pending is PendingPreKey p)
        {
            o = U32(d, o, p.RegistrationId);
            d[o++] = p.PreKeyId is null ? (byte)0 : (byte)1;
            o = U32(d, o, p.PreKeyId ?? 0);
            o = U32(d, o, p.SignedPreKeyId);
            o = U32(d, o, p.KyberPreKeyId);
            p.BaseKey.CopyTo(d[o..]);
            o += 32;
            BinaryPrimitives.WriteUInt16LittleEndian(d[o..], (ushort)p.KyberCiphertext.Length);
            o += 2;
            p.KyberCiphertext.CopyTo(d[o..]);
            o += p.KyberCiphertext.Length;
        }
        o = U32(d, o, (uint)Spqr.ExportedLength);
        Spqr.Export(d.Slice(o, Spqr.ExportedLength));
    }

    internal static RatchetState ReadRecord(ReadOnlySpan<byte> r, QuantumSessionOptions options)
    {
        // First pass: the layout, every length and count, checked before anything is created. The SPQR state comes
        // last in the record but is imported first, so the state is built once with it (no placeholder SPQR state).
        var reader = new RecordReader(r);
        if (!reader.Take(4).SequenceEqual(Magic) || reader.Byte() != RecordVersion) Bad();
        byte flags = reader.Byte();
        if ((flags & ~(FlagPending | FlagBaseKey)) != 0) Bad();
        ReadOnlySpan<byte> local = reader.Take(33), remote = reader.Take(33);
        if (local[0] != Protocol.WireFormat.DjbType || remote[0] != Protocol.WireFormat.DjbType) Bad();
        uint registrationId = reader.U32();
        ReadOnlySpan<byte> root = reader.Take(32), senderKey = reader.Take(32), senderChain = reader.Take(32);
        uint senderIndex = reader.U32(), previous = reader.U32();
        int chains = reader.Byte();
        if (chains > QuantumSessionOptions.MaxReceiverChains) Bad();
        int chainsStart = reader.Position;
        for (int c = 0; c < chains; c++)
        {
            reader.Take(32 + 32 + 4);
            uint skipped = reader.U32();
            if (skipped > (uint)options.MaxMessageKeys) Bad();
            reader.Take((int)Math.Min(skipped * 36L, int.MaxValue));
        }
        byte[]? remoteBaseKey = (flags & FlagBaseKey) != 0 ? reader.Take(32).ToArray() : null;
        PendingPreKey? pending = null;
        if ((flags & FlagPending) != 0)
        {
            uint pendingRegistration = reader.U32();
            byte hasOneTime = reader.Byte();
            uint oneTime = reader.U32(), signedId = reader.U32(), kyberId = reader.U32();
            byte[] baseKey = reader.Take(32).ToArray();
            int length = reader.U16();
            byte[] ciphertext = reader.Take(length).ToArray();
            if (hasOneTime > 1) Bad();
            pending = new PendingPreKey(pendingRegistration, hasOneTime == 1 ? oneTime : null, signedId, kyberId, ciphertext, baseKey);
        }
        int spqrLength = (int)Math.Min(reader.U32(), int.MaxValue);
        ReadOnlySpan<byte> spqrRecord = reader.Take(spqrLength);
        if (!reader.AtEnd) Bad();
        SpqrState? spqr = null;
        try
        {
            spqr = SpqrState.Import(spqrRecord);
        }
        catch (CryptographicException)
        {
            Bad();
        }

        // Second pass: the keys, into the state (which owns them from here on).
        RatchetState? state = null;
        try
        {
            state = new RatchetState(options, local.ToArray(), remote.ToArray(), registrationId, Secret.CopyFrom(root),
                X25519PrivateKey.Import(senderKey, exportPolicy: KeyExportPolicies.AllowPlaintextExport), Secret.CopyFrom(senderChain), spqr!);
        }
        catch
        {
            spqr!.Dispose();
            throw;
        }
        try
        {
            state.SetCounters(senderIndex, previous);
            reader = new RecordReader(r, chainsStart);
            for (int c = 0; c < chains; c++)
            {
                byte[] ratchetKey = reader.Take(32).ToArray();
                var chain = new ReceiverChain(ratchetKey, Secret.CopyFrom(reader.Take(32)), reader.U32());
                state.Receivers.Add(chain);
                uint skipped = reader.U32();
                for (uint i = 0; i < skipped; i++)
                {
                    uint counter = reader.U32();
                    chain.Skipped.Add((counter, Secret.CopyFrom(reader.Take(32))));
                }
            }
            state.RemoteBaseKey = remoteBaseKey;
            state.Pending = pending;
            return state;
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    private static void Bad() => SessionThrowHelper.Rejected(SessionError.InvalidRecord, "session record");

    private static int U32(Span<byte> d, int o, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(d[o..], value);
        return o + 4;
    }

    private static int CopySecret(Secret secret, Span<byte> d, int o)
    {
        using SecretReadLease lease = secret.OpenRead();
        lease.Span.CopyTo(d[o..]);
        return o + lease.Span.Length;
    }

    private ref struct RecordReader(ReadOnlySpan<byte> source, int position = 0)
    {
        private readonly ReadOnlySpan<byte> _source = source;
        private int _position = position;

        internal readonly bool AtEnd => _position == _source.Length;

        internal readonly int Position => _position;

        internal ReadOnlySpan<byte> Take(int n)
        {
            if (n < 0 || n > _source.Length - _position) Bad();
            ReadOnlySpan<byte> s = _source.Slice(_position, n);
            _position += n;
            return s;
        }

        internal byte Byte() => Take(1)[0];

        internal uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        internal int U16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
    }
}
