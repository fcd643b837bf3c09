// Everything one party of `nofuture session` keeps: its identity and its sessions, one per named peer, in ONE store
// record, so that every command's update is a single atomic write (FileSessionStore.Save: temp file, fsync, rename).
// Record layout (inside the store's encryption; all lengths u32 big-endian):
//   "NFPARTY1" | identity length | identity record (QuantumIdentity.Export) | peer count |
//   per peer: name length (u8) | name (ASCII) | session length | session record (QuantumSession.Export)
// The record is built and parsed in secret memory: it holds every private key of the party.
using System.Buffers.Binary;
using System.Text;
using NoFuture.Memory;
using NoFuture.Sessions;

namespace NoFuture.Cli.Sessions;

internal sealed class PartyState : IDisposable
{
    /// <summary>The store record's name.</summary>
    internal const string RecordName = "party";

    private static ReadOnlySpan<byte> Magic => "NFPARTY1"u8;

    private readonly SortedDictionary<string, QuantumSession> _sessions = new(StringComparer.Ordinal);

    private PartyState(QuantumIdentity identity) => Identity = identity;

    internal QuantumIdentity Identity { get; }

    internal IReadOnlyDictionary<string, QuantumSession> Sessions => _sessions;

    internal static PartyState Create() => new(QuantumIdentity.Generate());

    /// <summary>Whether <paramref name="name"/> is a valid peer name: 1 to 64 of A-Z a-z 0-9 . _ -.</summary>
    internal static bool IsValidPeerName(string name) =>
        name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    internal void Add(string peer, QuantumSession session) => _sessions.Add(peer, session);

    /// <summary>Parses a record made by <see cref="Export"/>.</summary>
    /// <exception cref="CliFailure">The record is malformed (exit code <see cref="ExitCodes.StateRejected"/>).</exception>
    internal static PartyState Import(Secret record)
    {
        using SecretReadLease lease = record.OpenRead();
        ReadOnlySpan<byte> r = lease.Span;
        if (!r.StartsWith(Magic)) throw Malformed();
        int at = Magic.Length;
        ReadOnlySpan<byte> identityRecord = Take(r, ref at);
        PartyState? state = null;
        try
        {
            using (Secret identity = Secret.CopyFrom(identityRecord)) state = new PartyState(QuantumIdentity.Import(identity));
            uint count = ReadU32(r, ref at);
            for (uint i = 0; i < count; i++)
            {
                if (at >= r.Length) throw Malformed();
                int nameLength = r[at++];
                if (nameLength > r.Length - at) throw Malformed();
                string name = Encoding.ASCII.GetString(r.Slice(at, nameLength));
                at += nameLength;
                if (!IsValidPeerName(name) || state._sessions.ContainsKey(name)) throw Malformed();
                using Secret session = Secret.CopyFrom(Take(r, ref at));
                state._sessions.Add(name, QuantumSession.Import(session));
            }
            if (at != r.Length) throw Malformed();
            return state;
        }
        catch (SessionException)
        {
            state?.Dispose();
            throw Malformed();
        }
        catch
        {
            state?.Dispose();
            throw;
        }
    }

    /// <summary>The whole state as one record, in a new secret.</summary>
    internal Secret Export()
    {
        var parts = new List<Secret>();
        try
        {
            parts.Add(Identity.Export());
            foreach (QuantumSession session in _sessions.Values) parts.Add(session.Export());
            int length = Magic.Length + 4 + parts[0].Length + 4;
            foreach ((string name, Secret session) in _sessions.Keys.Zip(parts.Skip(1))) length += 1 + name.Length + 4 + session.Length;

            Secret record = Secret.Allocate(length);
            using SecretWriteLease lease = record.OpenWrite();
            Span<byte> w = lease.Span;
            Magic.CopyTo(w);
            int at = Magic.Length;
            Put(w, ref at, parts[0]);
            BinaryPrimitives.WriteUInt32BigEndian(w[at..], (uint)_sessions.Count);
            at += 4;
            foreach ((string name, Secret session) in _sessions.Keys.Zip(parts.Skip(1)))
            {
                w[at++] = (byte)name.Length;
                at += Encoding.ASCII.GetBytes(name, w[at..]);
                Put(w, ref at, session);
            }
            return record;
        }
        finally
        {
            foreach (Secret part in parts) part.Dispose();
        }
    }

    private static void Put(Span<byte> w, ref int at, Secret part)
    {
        BinaryPrimitives.WriteUInt32BigEndian(w[at..], (uint)part.Length);
        at += 4;
        using (SecretReadLease source = part.OpenRead()) source.Span.CopyTo(w[at..]);
        at += part.Length;
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> r, ref int at)
    {
        uint length = ReadU32(r, ref at);
        if (length == 0 || length > (uint)(r.Length - at)) throw Malformed();
        ReadOnlySpan<byte> part = r.Slice(at, (int)length);
        at += (int)length;
        return part;
    }

    private static uint ReadU32(ReadOnlySpan<byte> r, ref int at)
    {
        if (r.Length - at < 4) throw Malformed();
        uint value = BinaryPrimitives.ReadUInt32BigEndian(r[at..]);
        at += 4;
        return value;
    }

    private static CliFailure Malformed() =>
        CliFailure.Create(ExitCodes.StateRejected, "the state record is malformed (not written by this version of nofuture?)");

    public void Dispose()
    {
        foreach (QuantumSession session in _sessions.Values) session.Dispose();
        _sessions.Clear();
        Identity.Dispose();
    }
}
