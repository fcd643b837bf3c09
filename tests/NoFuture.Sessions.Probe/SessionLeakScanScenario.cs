// No session secret outside secret memory, mid-conversation, and none anywhere after Dispose. Two identities, a PQXDH
// handshake, then a conversation in bursts both ways (some delivered out of order, so skipped keys are stored) long
// enough for several SPQR epochs, with both sessions and identities exported and imported again halfway. Tagged (the
// complement of the first 8 bytes of each, read in place through the ...ForTesting hooks; the probe never holds a
// plain copy outside secret memory):
//   identities: the identity private key (opened from its enclave once, for its complement), the signed prekey, the
//     KEM prekey's seed d ‖ z and expanded decapsulation key, the one-time prekey (consumed by the handshake);
//   ratchet, after every message of both parties: root key, sending chain key, sending ratchet private key, receiving
//     chain keys, stored skipped seeds;
//   SPQR, after every message: authenticator keys, the ML-KEM decapsulation seed d ‖ z (and the expanded
//     decapsulation key, made here from it), the encapsulation state's m and r, next_root, every epoch's chain keys
//     and stored keys, and every epoch secret (seen by SpqrChain.EpochSecretObserverForTesting as it is added);
//   per message: its seed, its SPQR key and its cipher key, MAC key and IV (the probe derives them again into
//     Secrets it keeps, as the receiver does: seed from the sender's chain key before Encrypt, SPQR key from a clone
//     of the receiver's SPQR state before Decrypt), and the plaintext (sent from and received into Secrets);
//   per encapsulation: the ML-KEM shared secret K, computed from the encapsulation state (and checked against the
//     epoch secret the session added).
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
    private static readonly List<ulong> s_epochOrder = [];      // epoch secrets in the order they appeared
    private static readonly List<ulong> s_kemOrder = [];        // ML-KEM shared secrets K, in order
    private static readonly HashSet<ulong> s_encapsulations = [];
    private static int s_kemVerified;
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
            if (!s_epochSecrets.Add(tag)) return;
            s_epochOrder.Add(tag);
            Keep(Secret.CopyFrom(secret));
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
            if (round == Rounds / 2)
            {
                // Persistence mid-conversation: both sessions and both identities go through their records.
                a = Reimport(a);
                b = Reimport(b);
                alice = Reimport(alice);
                bob = Reimport(bob);
            }
            Burst(a, b, 1 + (round % 3), outOfOrder: round % 5 == 2);
            Burst(b, a, 1 + (round % 2), outOfOrder: round % 7 == 3);
        }

        // Stack residue: later calls overwrite what an earlier one left on the stack, so two operations run below a
        // padding of stack that nothing after them reaches (the scan, GC and the probe's own calls stay shallower),
        // and a buffer either leaves unwiped is still there when the scan runs: a Decrypt that completes an SPQR epoch
        // (ML-KEM decapsulation, the epoch secret), then an Encrypt that starts one (ML-KEM encapsulation). The
        // encrypted message is delivered only after the scan.
        var lastTags = new HashSet<ulong>();
        (QuantumSession x, QuantumSession y) = (a, b);
        for (int guard = 0; ; guard++, (x, y) = (y, x))
        {
            if (guard > 1000) throw new InvalidOperationException("no epoch completed");
            (byte[] m, Secret seed, Secret plaintext) = Send(x);
            int epochsBefore = s_epochOrder.Count;
            bool completes = CompletesEpoch(y, m);
            if (!completes)
            {
                TagMessageKeys(y, m, seed);
                Check(y.Decrypt(m), plaintext);
                Collect(y);
                continue;
            }
            TagMessageKeys(y, m, seed, lastTags);
            Check(Deep(384 * 1024, () => y.Decrypt(m)), plaintext);
            lastTags.UnionWith(s_epochOrder.Skip(epochsBefore));
            Collect(y);
            break;
        }
        for (int guard = 0; x.StateForTesting.Spqr.Braid.State != SpqrBraidState.HeaderReceived; guard++, (x, y) = (y, x))
        {
            if (guard > 1000) throw new InvalidOperationException("no encapsulation came");
            (byte[] m, Secret seed, Secret plaintext) = Send(x);
            TagMessageKeys(y, m, seed);
            Check(y.Decrypt(m), plaintext);
            Collect(y);
        }
        int epochsBeforePending = s_epochOrder.Count, kemBeforePending = s_kemOrder.Count;
        Secret pendingSeed = SeedOf(x), pendingPlaintext = Plaintext();
        QuantumSession sender = x, receiver = y;
        byte[] pending = Deep(128 * 1024, () =>
        {
            using SecretReadLease p = pendingPlaintext.OpenRead();
            return sender.Encrypt(p.Span);
        });
        Collect(sender);
        TagMessageKeys(receiver, pending, pendingSeed, lastTags);
        lastTags.UnionWith(s_epochOrder.Skip(epochsBeforePending));
        lastTags.UnionWith(s_kemOrder.Skip(kemBeforePending));

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
        Report("kemSecrets", s_kemOrder.Count);
        Report("kemSecretsVerified", s_kemVerified);
        Report("lastTags", lastTags.Count);
        Report("lastMessagesOutsidePools", MemoryScan.Count(lastTags, pools, insidePools: false));
        Report("identityKeyAnywhere", MemoryScan.Count(identityKeys, pools, insidePools: null));
        Report("consumedPreKeyAnywhere", MemoryScan.Count([oneTimePreKey], pools, insidePools: null));
        Report("leakControlOutsidePools", MemoryScan.Count([controlTag], pools, insidePools: false));
        CryptographicOperations.ZeroMemory(leaked);
        Check(receiver.Decrypt(pending), pendingPlaintext);

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

    private static QuantumSession Reimport(QuantumSession session)
    {
        using (session)
        using (Secret record = session.Export())
            return QuantumSession.Import(record);
    }

    private static QuantumIdentity Reimport(QuantumIdentity identity)
    {
        using (identity)
        using (Secret record = identity.Export())
            return QuantumIdentity.Import(record);
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
        Secret pqKey = Secret.Allocate(SpqrState.MessageKeySize), keys = Secret.Allocate(RatchetKdf.MessageKeysSize);
        Keep(pqKey);
        Keep(keys);
        bool hasKey;
        using (SpqrState clone = to.StateForTesting.Spqr.Clone())
        using (SecretWriteLease k = pqKey.OpenWrite())
            hasKey = clone.Recv(PqField(message), k.Span);
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
        TagSharedSecret(state.Spqr);

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

    /// <summary>A new encapsulation state m ‖ r ‖ header gives the ML-KEM shared secret K = G(m ‖ H(ek))[0:32]
    /// (FIPS 203, Algorithm 17; H(ek) is the header's second half), tagged; it is checked against the epoch secrets
    /// seen, HKDF(K, "…SCKA Key" ‖ epoch) (SpqrKdf).</summary>
    private static void TagSharedSecret(SpqrState spqr)
    {
        if (spqr.EncapsulationStateForTesting is not Secret es || !s_encapsulations.Add(Complement(es, 0))) return;
        Secret g = Secret.Allocate(64), epochSecret = Secret.Allocate(32);
        Keep(g);
        using (SecretReadLease e = es.OpenRead())
        using (SecretWriteLease w = g.OpenWrite())
        {
            Span<byte> input = stackalloc byte[64];
            e.Span[..32].CopyTo(input);
            e.Span[96..128].CopyTo(input[32..]);
            SHA3_512.HashData(input, w.Span);
            CryptographicOperations.ZeroMemory(input);
        }
        using (SecretReadLease k = g.OpenRead())
        using (SecretWriteLease w = epochSecret.OpenWrite())
            SpqrKdf.HkdfWithEpoch(k.Span[..32], SpqrKdf.SckaKey, spqr.Braid.Epoch, w.Span);
        if (s_epochSecrets.Contains(Complement(epochSecret, 0))) s_kemVerified++;
        epochSecret.Dispose();
        s_kemOrder.Add(Tag(g, 0));
    }

    /// <summary>Whether <paramref name="message"/> completes an SPQR epoch on <paramref name="to"/> (tried on a clone).</summary>
    private static bool CompletesEpoch(QuantumSession to, byte[] message)
    {
        using SpqrState clone = to.StateForTesting.Spqr.Clone();
        using Secret key = Secret.Allocate(SpqrState.MessageKeySize);
        int before = clone.EpochsCompleted;
        using (SecretWriteLease k = key.OpenWrite()) clone.Recv(PqField(message), k.Span);
        return clone.EpochsCompleted > before;
    }

    private static ReadOnlySpan<byte> PqField(byte[] message)
    {
        ReadOnlySpan<byte> signal = message;
        if (QuantumSession.IsPreKeyMessage(message))
        {
            if (!WireFormat.TryParsePreKeyMessage(message, out WireFormat.PreKeyMessageView pv, out _)) throw new InvalidOperationException("prekey message");
            signal = signal[pv.Message];
        }
        if (!WireFormat.TryParseSignalMessage(signal, out WireFormat.SignalMessageView view, out _)) throw new InvalidOperationException("message");
        return signal[view.PqRatchet];
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
