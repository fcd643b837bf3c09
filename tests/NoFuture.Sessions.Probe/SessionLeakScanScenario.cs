// No session secret outside secret memory, mid-conversation, and none anywhere after Dispose. Two identities, a PQXDH
// handshake, then a conversation in bursts both ways (some delivered out of order, so skipped keys are stored) long
// enough for several SPQR epochs. Tagged (the complement of the first 8 bytes of each, read in place through the
// ...ForTesting hooks; the probe never holds a plain copy outside secret memory):
//   identities: the identity private key (opened from its enclave once, for its complement), the signed prekey, the
//     KEM prekey's seed d ‖ z and expanded decapsulation key, the one-time prekey (consumed by the handshake);
//   ratchet, after every message of both parties: root key, sending chain key, sending ratchet private key, receiving
//     chain keys, stored skipped seeds;
//   SPQR, after every message: authenticator keys, the ML-KEM decapsulation seed d ‖ z (and the expanded
//     decapsulation key, made here from it), the encapsulation state's m and r, next_root, every epoch's chain keys
//     and stored keys, and every epoch secret (seen by SpqrChain.EpochSecretObserverForTesting as it is added);
//   per message: its seed, its SPQR key and its cipher key, MAC key and IV (the probe derives them again into
//     Secrets it keeps, as the receiver does: seed from the sender's chain key before Encrypt, SPQR key from a clone
//     of the receiver's SPQR state before Decrypt), and the plaintext (sent from and received into Secrets).
// Reported: the whole process scanned outside the pools (expected 0); the secrets alive at the scan found inside the
// pools (positive control); the identity key and the consumed one-time prekey anywhere, pools included (expected 0:
// the one is sealed in an enclave while idle, the other wiped); a control secret deliberately copied to the GC heap,
// found outside the pools (the scan sees a leak); and, after every session, identity and probe copy is disposed,
// every tag anywhere (expected 0).
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Sessions.Protocol;
using NoFuture.Sessions.Ratchet;
using NoFuture.Sessions.Spqr;
using NoFuture.Tests.Shared.Probe;

namespace NoFuture.Sessions.Probe;

internal static class SessionLeakScanScenario
{
    /// <summary>Bursts each way; enough for several SPQR epochs on both sides.</summary>
    internal const int Rounds = 260;

    private static readonly HashSet<ulong> s_all = [];          // every tag seen during the run
    private static readonly HashSet<ulong> s_epochSecrets = [];
    private static readonly HashSet<ulong> s_expandedSeeds = [];
    private static readonly List<IDisposable> s_keep = [];       // the probe's own copies, alive until the scan
    private static readonly HashSet<ulong> s_kept = [];          // their tags (positive control)
    private static readonly Dictionary<QuantumSession, byte[]> s_lastRatchetKey = [];
    private static int s_messages;

    internal static int Run()
    {
        SpqrChain.EpochSecretObserverForTesting = static secret =>
        {
            ulong tag = Complement(secret, 0);
            s_all.Add(tag);
            if (s_epochSecrets.Add(tag)) Keep(Secret.CopyFrom(secret));
        };

        QuantumIdentity alice = QuantumIdentity.Generate(), bob = QuantumIdentity.Generate(2);
        var identityKeys = new HashSet<ulong> { IdentityKeyTag(alice), IdentityKeyTag(bob) };
        TagPreKeys(alice);
        TagPreKeys(bob);
        PreKeyBundle bundle = bob.CreatePreKeyBundle();
        ulong oneTimePreKey;
        using (Secret otpk = bob.FindOneTimePreKey(bundle.PreKeyId!.Value)!.ExportPrivateKey()) oneTimePreKey = Complement(otpk, 0);

        QuantumSession a = QuantumSession.Initiate(alice, bundle);
        Secret hello = Plaintext();
        byte[] first;
        using (SecretReadLease p = hello.OpenRead()) first = a.Encrypt(p.Span);
        QuantumSession b = QuantumSession.Accept(bob, first, out Secret? opened);
        Check(opened, hello);
        Collect(a);
        Collect(b);

        for (int round = 0; round < Rounds; round++)
        {
            Burst(a, b, 1 + (round % 3), outOfOrder: round % 5 == 2);
            Burst(b, a, 1 + (round % 2), outOfOrder: round % 7 == 3);
        }

        // Stack residue: later calls overwrite what an earlier one left on the stack, so the last Decrypt and the last
        // Encrypt before the scan run below a padding of stack that nothing after them reaches (the scan, GC and the
        // probe's own calls stay shallower). A buffer either leaves unwiped is still there when the scan runs. The
        // encrypted message is delivered only after the scan.
        var lastTags = new HashSet<ulong>();
        (byte[] last, Secret lastSeed, Secret lastPlaintext) = Send(b);
        TagMessageKeys(a, last, lastSeed, lastTags);
        Secret? lastOpened = Deep(384 * 1024, () => a.Decrypt(last));
        Check(lastOpened, lastPlaintext);
        Secret pendingSeed = SeedOf(a), pendingPlaintext = Plaintext();
        byte[] pending = Deep(128 * 1024, () =>
        {
            using SecretReadLease p = pendingPlaintext.OpenRead();
            return a.Encrypt(p.Span);
        });
        Collect(a);
        TagMessageKeys(b, pending, pendingSeed, lastTags);

        // Secrets alive now: the sessions' current state and the probe's copies.
        var liveWindows = new List<(Secret, int)>();
        foreach (QuantumSession s in new[] { a, b }) Windows(s.StateForTesting, liveWindows);
        var live = new HashSet<ulong>(s_kept);
        foreach ((Secret secret, int offset) in liveWindows) live.Add(Complement(secret, offset));

        // Leaking control: a fresh secret copied to the GC heap on purpose must be found outside the pools.
        using Secret control = Secret.CreateRandom(32);
        ulong controlTag = Complement(control, 0);
        byte[] leaked = new byte[32];
        control.Read(leaked, static (s, l) => s.CopyTo(l));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        List<(nint, nint)> pools = MemoryScan.PoolRanges();
        var everything = new HashSet<ulong>(s_all);
        everything.UnionWith(identityKeys);
        everything.Add(oneTimePreKey);
        Report("messages", s_messages);
        Report("spqrEpochsAlice", a.SpqrEpochsCompleted);
        Report("spqrEpochsBob", b.SpqrEpochsCompleted);
        Report("epochSecrets", s_epochSecrets.Count);
        Report("secrets", everything.Count);
        Report("outsidePools", MemoryScan.Count(everything, pools, insidePools: false));
        Report("live", live.Count);
        Report("liveInsidePools", MemoryScan.Count(live, pools, insidePools: true));
        Report("lastMessagesOutsidePools", MemoryScan.Count(lastTags, pools, insidePools: false));
        Report("identityKeyAnywhere", MemoryScan.Count(identityKeys, pools, insidePools: null));
        Report("consumedPreKeyAnywhere", MemoryScan.Count([oneTimePreKey], pools, insidePools: null));
        Report("leakControlOutsidePools", MemoryScan.Count([controlTag], pools, insidePools: false));
        CryptographicOperations.ZeroMemory(leaked);
        Check(b.Decrypt(pending), pendingPlaintext);

        a.Dispose();
        b.Dispose();
        alice.Dispose();
        bob.Dispose();
        foreach (IDisposable d in s_keep) d.Dispose();
        SpqrChain.EpochSecretObserverForTesting = null;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        pools = MemoryScan.PoolRanges();
        everything.UnionWith(live);
        Report("afterDisposeAnywhere", MemoryScan.Count(everything, pools, insidePools: null));
        return 0;
    }

    /// <summary><paramref name="count"/> messages from <paramref name="from"/>, delivered in order or with the first
    /// one last.</summary>
    private static void Burst(QuantumSession from, QuantumSession to, int count, bool outOfOrder)
    {
        var sent = new List<(byte[] Message, Secret Seed, Secret Plaintext)>();
        for (int i = 0; i < count; i++) sent.Add(Send(from));
        if (outOfOrder && sent.Count > 1) sent.Add(sent[0]);
        for (int i = outOfOrder && sent.Count > 1 ? 1 : 0; i < sent.Count; i++)
        {
            (byte[] message, Secret seed, Secret plaintext) = sent[i];
            TagMessageKeys(to, message, seed);
            Check(to.Decrypt(message), plaintext);
            Collect(to);
            s_messages++;
        }
    }

    /// <summary>Encrypts a new random plaintext; the message key seed is derived first from the sender's chain key, as
    /// Encrypt does (Double Ratchet section 2.2, KDF_CK).</summary>
    private static (byte[] Message, Secret Seed, Secret Plaintext) Send(QuantumSession from)
    {
        Secret seed = SeedOf(from), plaintext = Plaintext();
        byte[] message;
        using (SecretReadLease p = plaintext.OpenRead()) message = from.Encrypt(p.Span);
        Collect(from);
        return (message, seed, plaintext);
    }

    /// <summary>The seed of the sender's next message key, into a kept Secret.</summary>
    private static Secret SeedOf(QuantumSession from)
    {
        Secret seed = Secret.Allocate(RatchetKdf.KeySize);
        using (SecretReadLease ck = from.StateForTesting.SenderChainKey.OpenRead())
        using (SecretWriteLease w = seed.OpenWrite())
            RatchetKdf.MessageKeySeed(ck.Span, w.Span);
        Keep(seed);
        Tag(seed, 0);
        return seed;
    }

    /// <summary>Runs <paramref name="action"/> below <paramref name="padding"/> bytes of (zeroed) stack.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Deep<T>(int padding, Func<T> action)
    {
        Span<byte> pad = stackalloc byte[padding];
        pad[^1] = 1;
        T result = action();
        GC.KeepAlive(pad[^1]);
        return result;
    }

    /// <summary>The message's SPQR key (a clone of the receiver's SPQR state receives it) and its 80 message-key bytes.</summary>
    private static void TagMessageKeys(QuantumSession to, byte[] message, Secret seed, HashSet<ulong>? also = null)
    {
        ReadOnlySpan<byte> signal = message;
        if (QuantumSession.IsPreKeyMessage(message))
        {
            if (!WireFormat.TryParsePreKeyMessage(message, out WireFormat.PreKeyMessageView pv, out _)) throw new InvalidOperationException("prekey message");
            signal = signal[pv.Message];
        }
        if (!WireFormat.TryParseSignalMessage(signal, out WireFormat.SignalMessageView view, out _)) throw new InvalidOperationException("message");
        Secret pqKey = Secret.Allocate(SpqrState.MessageKeySize), keys = Secret.Allocate(RatchetKdf.MessageKeysSize);
        Keep(pqKey);
        Keep(keys);
        bool hasKey;
        using (SpqrState clone = to.StateForTesting.Spqr.Clone())
        using (SecretWriteLease k = pqKey.OpenWrite())
            hasKey = clone.Recv(signal[view.PqRatchet], k.Span);
        using (SecretReadLease s = seed.OpenRead())
        using (SecretReadLease pq = pqKey.OpenRead())
        using (SecretWriteLease w = keys.OpenWrite())
            RatchetKdf.MessageKeys(s.Span, hasKey ? pq.Span : default, w.Span);
        var tags = new List<ulong> { Tag(keys, 0), Tag(keys, 32), Tag(keys, 64), Complement(seed, 0) }; // cipher key, MAC key, IV
        if (hasKey) tags.Add(Tag(pqKey, 0));
        also?.UnionWith(tags);
    }

    /// <summary>Tags every key a session holds now; expands a new ML-KEM decapsulation seed into its 2400-byte key.</summary>
    private static void Collect(QuantumSession session)
    {
        RatchetState state = session.StateForTesting;
        var windows = new List<(Secret, int)>();
        Windows(state, windows);
        foreach ((Secret secret, int offset) in windows) s_all.Add(Complement(secret, offset));

        byte[] ratchetPublic = state.SenderRatchet.PublicKey.ToArray();
        if (!s_lastRatchetKey.TryGetValue(session, out byte[]? last) || !last.AsSpan().SequenceEqual(ratchetPublic))
        {
            s_lastRatchetKey[session] = ratchetPublic;
            using Secret scalar = state.SenderRatchet.ExportPrivateKey();
            s_all.Add(Complement(scalar, 0));
        }

        if (state.Spqr.DecapsulationSeedForTesting is Secret dkSeed && s_expandedSeeds.Add(Complement(dkSeed, 0)))
        {
            // The expanded key the braid makes from the seed to decapsulate (s-hat first).
            using MlKemKey key = MlKemKey.ImportPrivateSeed(MLKemAlgorithm.MLKem768, dkSeed, KeyExportPolicies.AllowPlaintextExport);
            Secret expanded = Secret.Allocate(MLKemAlgorithm.MLKem768.DecapsulationKeySizeInBytes);
            using (SecretWriteLease w = expanded.OpenWrite()) key.ExportDecapsulationKey(w.Span);
            Keep(expanded);
            Tag(expanded, 0);
        }
    }

    private static void Windows(RatchetState state, List<(Secret, int)> windows)
    {
        windows.Add((state.RootKey, 0));
        windows.Add((state.SenderChainKey, 0));
        foreach (ReceiverChain chain in state.Receivers)
        {
            windows.Add((chain.ChainKey, 0));
            foreach ((_, Secret seed) in chain.Skipped) windows.Add((seed, 0));
        }
        state.Spqr.CollectSecretsForTesting(windows);
    }

    private static ulong IdentityKeyTag(QuantumIdentity identity)
    {
        using X25519PrivateKey key = identity.OpenIdentityKey();
        using Secret scalar = key.ExportPrivateKey();
        return Complement(scalar, 0);
    }

    private static void TagPreKeys(QuantumIdentity identity)
    {
        using (Secret signed = identity.FindSignedPreKey(identity.SignedPreKeyId)!.ExportPrivateKey()) s_all.Add(Complement(signed, 0));
        Kyber1024Round3Key kyber = identity.FindKyberPreKey(identity.KyberPreKeyId)!;
        using Secret seed = Secret.Allocate(Kyber1024Round3Key.PrivateSeedSizeInBytes);
        using (SecretWriteLease w = seed.OpenWrite()) kyber.ExportPrivateSeed(w.Span);
        s_all.Add(Complement(seed, 0));
        s_all.Add(Complement(seed, 32));
        using Secret expanded = Secret.Allocate(Kyber1024Round3Key.DecapsulationKeySizeInBytes);
        using (SecretWriteLease w = expanded.OpenWrite()) kyber.ExportDecapsulationKey(w.Span);
        s_all.Add(Complement(expanded, 0));
    }

    private static Secret Plaintext()
    {
        Secret p = Secret.CreateRandom(48);
        Keep(p);
        Tag(p, 0);
        return p;
    }

    private static void Check(Secret? received, Secret sent)
    {
        if (received is null || !received.FixedTimeEquals(sent)) throw new InvalidOperationException("a message did not decrypt to its plaintext");
        Keep(received);
    }

    private static void Keep(Secret secret) => s_keep.Add(secret);

    /// <summary>A probe copy kept alive until the scan: tagged, and expected inside the pools.</summary>
    private static ulong Tag(Secret secret, int offset)
    {
        ulong tag = Complement(secret, offset);
        s_all.Add(tag);
        s_kept.Add(tag);
        return tag;
    }

    private static ulong Complement(Secret secret, int offset) =>
        secret.Read(offset, static (s, o) => ~BinaryPrimitives.ReadUInt64LittleEndian(s[o..]));

    private static ulong Complement(ReadOnlySpan<byte> secret, int offset) => ~BinaryPrimitives.ReadUInt64LittleEndian(secret[offset..]);

    private static void Report(string key, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
}
