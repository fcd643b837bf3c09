// `nofuture demo`: the whole system at work in one process. Process guards (CatchInterrupt, LockAllMemory), a random
// frozen passphrase, Argon2id deriving the key that seals two FileSessionStores, two parties with identities and
// bundles, a PQXDH handshake, a conversation both ways with out-of-order delivery, forward secrecy (an old message's
// key is gone), post-compromise recovery (a thief's copy of Bob's state locked out once the DH ratchet and an SPQR
// epoch have turned), a purge at the end, and a report. Deterministic traffic (a fixed seed) over fresh random keys.
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NoFuture.Cli.Demo;
using NoFuture.Cli.Json;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Sessions;

namespace NoFuture.Cli.Commands;

internal static class DemoCommand
{
    /// <summary>Enough that SPQR completes several epochs on both sides (about 85 messages an epoch with this traffic).</summary>
    internal const int DefaultMessages = 400;

    /// <summary>Below this an SPQR epoch begun after the theft (at a third of the conversation) may not complete.</summary>
    internal const int MinMessages = 300;

    // Modest Argon2id for a demo that runs in well under 3 s; stores created by `nofuture session` default to RFC 9106's
    // second recommendation (64 MiB, t = 3, p = 4).
    private static readonly Argon2Parameters s_argon2 = new(Argon2Type.Argon2id, 16 * 1024, 2, 2);

    internal const string Usage = """
        Usage: nofuture demo [--json] [--messages N]

        Runs the whole system in this process: catches interrupts (a Ctrl-C purges every secret),
        locks all memory (reported honestly when the OS refuses), makes a random passphrase and freezes
        it (read-only), derives with Argon2id (in protected scratch memory) the key that seals two
        encrypted session stores in a temporary directory, creates two parties (identities, prekey
        bundles), runs a PQXDH handshake, and a conversation in both directions with out-of-order
        delivery, saving each party's state after every burst. Then it shows forward secrecy (an old
        message offered again is refused: its key is gone), post-compromise recovery (a copy of Bob's
        state stolen mid-conversation cannot decrypt once the DH ratchet has turned and an SPQR
        epoch has completed), purges all secret memory, deletes the stores, and reports: messages,
        bytes per message, SPQR epochs, time per message, locked memory and protections.
        The Argon2id parameters are modest for a demo (16 MiB, t = 2, p = 2); real stores use more.
        Secret memory runs under the BestEffort policy here, so the demo runs anywhere and reports
        what was refused.

        Options:
          --messages N   Messages to exchange, 300 to 100000 (default 400: four or five SPQR epochs
                         complete; fewer leave no room for an epoch after the theft).
          --json         Print one JSON object instead.
          -h, --help     Show this help.

        Exit codes:
          0  every check held
          1  a check failed (the report says which)
          2  unknown option or argument
        """;

    internal static int Run(ReadOnlySpan<string> args, TextWriter output, TextWriter error)
    {
        bool json = false;
        int messages = DefaultMessages;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--messages" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out messages) || messages is < MinMessages or > 100_000)
                        return Program.UsageError(error, "--messages takes a number from 300 to 100000.", "nofuture demo --help");
                    break;
                case "-h" or "--help":
                    output.WriteLine(Usage);
                    return ExitCodes.Ok;
                default:
                    return Program.UsageError(error, args[i].StartsWith('-')
                        ? $"unknown option '{args[i]}' for 'demo'."
                        : $"unexpected argument '{args[i]}' for 'demo'.", "nofuture demo --help");
            }
        }

        DemoReport report = Execute(messages, json ? null : output);
        if (json) CliJsonContext.Write(output, report, CliJsonContext.Default.DemoReport);
        else WriteSummary(report, output);
        return report.Passed ? ExitCodes.Ok : ExitCodes.DemoCheckFailed;
    }

    private sealed record Sent(int Index, bool ToBob, byte[] Plaintext, byte[] Wire, bool AfterTurn, bool AfterSpqrEpoch);

    private static DemoReport Execute(int total, TextWriter? narrate)
    {
        var clock = Stopwatch.StartNew();
        var protection = new DemoProtection();
        var forward = new DemoForwardSecrecy();
        var theft = new DemoPostCompromise();
        var report = new DemoReport { ForwardSecrecy = forward, PostCompromise = theft, Protection = protection };
        void Say(string label, string text) => narrate?.WriteLine($"  {label,-17}{text}");
        narrate?.WriteLine("nofuture demo: two parties in one process, every key in protected memory");

        ProtectionPolicy previousPolicy = SecureMemory.Policy;
        SecureMemory.Policy = ProtectionPolicy.BestEffort;
        long refusalsBefore = SecureMemory.Capabilities.Refusals;
        using IDisposable interrupt = SecureMemory.CatchInterrupt();
        protection.InterruptCaught = true;
        Say("interrupts", "caught: SIGINT, SIGTERM, SIGHUP or SIGQUIT purge every secret before exit");
        try
        {
            SecureMemory.LockAllMemory();
            protection.LockAllMemory = true;
            Say("lock all memory", "granted (mlockall: no page of this process can be swapped)");
        }
        catch (ProtectionRefusedException e)
        {
            protection.LockAllMemoryRefusal = e.Message;
            Say("lock all memory", "refused by the OS: " + e.Message);
        }

        string root = Directory.CreateTempSubdirectory("nofuture-demo-").FullName;
        Secret? passphrase = null, storeKey = null;
        FileSessionStore? aliceStore = null, bobStore = null;
        QuantumIdentity? aliceId = null, bobId = null;
        QuantumSession? alice = null, bob = null, thief = null;
        try
        {
            passphrase = Secret.CreateRandom(32, new SecretOptions { Tier = SecretTier.Guarded });
            passphrase.Freeze();
            protection.PassphraseFrozen = passphrase.IsFrozen;
            protection.PassphraseProtections = DoctorProbe.FlagNames(passphrase.Protection);
            Say("passphrase", $"32 random bytes, frozen read-only: {string.Join(", ", protection.PassphraseProtections)}");

            long argon2Start = clock.ElapsedTicks;
            byte[] salt = RandomNumberGenerator.GetBytes(16);
            using (SecretReadLease pw = passphrase.OpenRead()) storeKey = Argon2.DeriveSecret(pw.Span, salt, s_argon2);
            protection.Argon2Milliseconds = Math.Round(Stopwatch.GetElapsedTime(argon2Start, clock.ElapsedTicks).TotalMilliseconds, 1);
            protection.Argon2MemoryKib = s_argon2.MemorySizeKib;
            protection.Argon2Iterations = s_argon2.Iterations;
            protection.Argon2Parallelism = s_argon2.Parallelism;
            // The stores live in a temporary folder deleted at the end: a write need not survive a power loss, so it is
            // not flushed to disk (docs/sessions.md, "Durability"); two flushes per save made the demo's time that of the
            // disk on a loaded host. Writes stay atomic.
            aliceStore = FileSessionStore.OpenWithKey(Path.Combine(root, "alice"), storeKey, StoreDurability.ProcessCrash);
            bobStore = FileSessionStore.OpenWithKey(Path.Combine(root, "bob"), storeKey, StoreDurability.ProcessCrash);
            protection.StoreDurability = aliceStore.Durability.ToString();
            Say("store key", string.Create(CultureInfo.InvariantCulture,
                $"Argon2id m = {s_argon2.MemorySizeKib / 1024} MiB, t = {s_argon2.Iterations}, p = {s_argon2.Parallelism} (modest, for the demo) in {protection.Argon2Milliseconds} ms, matrix in protected scratch"));
            Say("stores", $"{root}/{{alice,bob}}: XChaCha20-Poly1305 records, atomic writes (not flushed to disk: a temporary folder)");

            aliceId = QuantumIdentity.Generate();
            bobId = QuantumIdentity.Generate();
            Save(aliceStore, "identity", aliceId.Export());
            Save(bobStore, "identity", bobId.Export());
            protection.StoreWrites += 2;
            PreKeyBundle published = bobId.CreatePreKeyBundle();
            // What Alice gets from a server: the serialized forms, imported and verified (both signatures).
            PreKeyBundle bundle = PreKeyBundle.Import(published.RegistrationId, published.DeviceId, published.PreKeyId,
                published.PreKey, published.SignedPreKeyId, published.SignedPreKey, published.SignedPreKeySignature,
                published.IdentityKey, published.KyberPreKeyId, published.KyberPreKey, published.KyberPreKeySignature);
            Say("identities", $"alice #{aliceId.RegistrationId}, bob #{bobId.RegistrationId}; bob's bundle verified (XEdDSA signatures on its X25519 and Kyber-1024 prekeys)");

            var rng = new Random(20251106); // the traffic pattern is fixed; every key is fresh
            var sizes = new List<int>();
            long cryptoTicks = 0;
            Sent[] log = new Sent[total];

            long h0 = Stopwatch.GetTimestamp();
            alice = QuantumSession.Initiate(aliceId, bundle);
            byte[] firstPlain = Plaintext(0, rng);
            byte[] first = alice.Encrypt(firstPlain);
            bob = QuantumSession.Accept(bobId, first, out Secret? firstOut);
            report.HandshakeMicroseconds = Math.Round(Stopwatch.GetElapsedTime(h0).TotalMicroseconds, 1);
            log[0] = new Sent(0, true, firstPlain, first, false, false);
            report.FirstMessageBytes = first.Length;
            report.MessagesAliceToBob = 1;
            Check(report, firstOut, firstPlain);
            firstOut?.Dispose();
            Say("handshake", $"PQXDH (X25519 + Kyber-1024): first message {first.Length:N0} bytes, accepted by bob");

            int sent = 1, stealAt = total / 3;
            bool toBob = false;
            int stage = 0;
            Sent? lastToBob = null;
            var heldBack = new List<Sent>(); // delivered after the next burst in the same direction

            // One delivery: decrypted (timed) and checked, offered to the thief once there is one.
            void Deliver(QuantumSession receiver, Sent m)
            {
                long t0 = Stopwatch.GetTimestamp();
                using (Secret? plain = receiver.Decrypt(m.Wire))
                {
                    cryptoTicks += Stopwatch.GetTimestamp() - t0;
                    Check(report, plain, m.Plaintext);
                }
                if (thief is not null && m.ToBob) TryThief(thief, m, theft);
                if (m.ToBob) lastToBob = m;
            }

            while (sent < total)
            {
                QuantumSession sender = toBob ? alice : bob, receiver = toBob ? bob : alice;
                // The DH ratchet turns past the thief in three bursts: Alice's next burst makes Bob step to a ratchet
                // key made after the theft, Bob sends with it, and Alice's following burst steps onto it.
                if (thief is not null && (toBob ? stage is 0 or 2 : stage == 1)) stage++;
                bool turned = stage == 3;
                // SPQR: an epoch begun after the theft (so beyond the one in progress at the theft) has completed.
                bool afterEpoch = thief is not null &&
                    Math.Min(alice.SpqrEpochsCompleted, bob.SpqrEpochsCompleted) > theft.SpqrEpochAtTheft + 1;
                int burst = Math.Min(rng.Next(1, 6), total - sent);
                var batch = new List<Sent>(burst);
                for (int k = 0; k < burst; k++)
                {
                    byte[] plain = Plaintext(sent, rng);
                    long t0 = Stopwatch.GetTimestamp();
                    byte[] wire = sender.Encrypt(plain);
                    cryptoTicks += Stopwatch.GetTimestamp() - t0;
                    sizes.Add(wire.Length);
                    report.PlaintextBytes += plain.Length;
                    var m = new Sent(sent, toBob, plain, wire, turned, afterEpoch);
                    log[sent++] = m;
                    if (toBob) report.MessagesAliceToBob++; else report.MessagesBobToAlice++;
                    batch.Add(m);
                }
                // Deliver: this burst shuffled, then what an earlier burst in this direction held back; sometimes
                // hold one back from this burst (it arrives after the next burst, across a ratchet step).
                rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batch));
                var deliver = new List<Sent>(batch);
                deliver.AddRange(heldBack.Where(h => h.ToBob == toBob));
                heldBack.RemoveAll(h => h.ToBob == toBob);
                // Only from a burst of two or more: every burst delivers at least one new message at once, so each
                // side sees the other's newest ratchet key every turn (the post-compromise stages below count on it).
                if (batch.Count > 1 && rng.NextDouble() < 0.25 && sent < total - 10)
                {
                    heldBack.Add(deliver[0]);
                    deliver.RemoveAt(0);
                }
                int latest = -1;
                foreach (Sent m in deliver)
                {
                    if (m.Index < latest) report.DeliveredOutOfOrder++;
                    latest = Math.Max(latest, m.Index);
                    Deliver(receiver, m);
                }
                Save(aliceStore, "session", alice.Export());
                Save(bobStore, "session", bob.Export());
                protection.StoreWrites += 2;

                if (thief is null && sent >= stealAt)
                {
                    // The theft: everything Bob's session holds, as an attacker with Bob's memory or disk key gets it.
                    using Secret stolen = bob.Export();
                    thief = QuantumSession.Import(stolen);
                    theft.StolenAfterMessage = sent;
                    theft.SpqrEpochAtTheft = Math.Min(alice.SpqrEpochsCompleted, bob.SpqrEpochsCompleted);
                }
                toBob = !toBob;
            }
            // Whatever is still held back arrives last.
            foreach (Sent m in heldBack)
            {
                report.DeliveredOutOfOrder++;
                Deliver(m.ToBob ? bob : alice, m);
            }
            report.Messages = sent;
            report.SpqrEpochsAlice = alice.SpqrEpochsCompleted;
            report.SpqrEpochsBob = bob.SpqrEpochsCompleted;
            theft.SpqrEpochsSinceTheft = bob.SpqrEpochsCompleted - theft.SpqrEpochAtTheft;
            sizes.Sort();
            report.MedianMessageBytes = sizes.Count == 0 ? 0 : sizes[sizes.Count / 2];
            report.MaxMessageBytes = sizes.Count == 0 ? 0 : sizes[^1];
            report.MicrosecondsPerMessage = Math.Round(Stopwatch.GetElapsedTime(0, cryptoTicks).TotalMicroseconds / Math.Max(1, sent - 1), 1);
            Say("conversation", string.Create(CultureInfo.InvariantCulture,
                $"{sent:N0} messages ({report.MessagesAliceToBob:N0} to bob, {report.MessagesBobToAlice:N0} to alice), {report.DeliveredOutOfOrder:N0} out of order; {report.PlaintextsMatched:N0} of {report.Decrypted:N0} plaintexts matched"));

            // Forward secrecy: the last message Bob decrypted, offered again: its key was deleted when it was used. (A
            // much older one is refused too, by the chain or SPQR epoch it belonged to, which are gone as well.)
            Sent old = lastToBob!;
            forward.OldMessageIndex = old.Index;
            forward.OldMessageError = RejectionOf(bob, old.Wire);
            using (Secret stored = bobStore.Load("session")!)
            using (QuantumSession reloaded = QuantumSession.Import(stored))
                forward.OldMessageErrorFromStore = RejectionOf(reloaded, old.Wire);
            forward.FirstMessageError = RejectionOf(bob, log[1..].First(m => m.ToBob).Wire);
            Say("forward secrecy", $"message {old.Index} offered again: {forward.OldMessageError ?? "decrypted!"}; from bob's stored state: {forward.OldMessageErrorFromStore ?? "decrypted!"} (its key is gone); an early one: {forward.FirstMessageError ?? "decrypted!"}");
            Say("post-compromise", string.Create(CultureInfo.InvariantCulture,
                $"bob's state stolen after message {theft.StolenAfterMessage}: the copy read {theft.ThiefDecrypted} of {theft.ThiefAttempts} later messages to bob, " +
                $"{theft.DecryptedAfterRatchetTurn} of {theft.AttemptsAfterRatchetTurn} after the DH ratchet turned, {theft.DecryptedAfterSpqrEpoch} of {theft.AttemptsAfterSpqrEpoch} after an SPQR epoch completed ({theft.SpqrEpochsSinceTheft} since the theft)"));

            MemoryCapabilities caps = SecureMemory.Capabilities;
            protection.LockedBytes = caps.LockedBytes;
            protection.LiveSecrets = caps.LivePooledSecrets + caps.LiveGuardedSecrets;
            protection.Refusals = caps.Refusals - refusalsBefore;

            SecureMemory.Purge();
            protection.Purged = Throws<ObjectDisposedException>(() => passphrase.OpenRead().Dispose()) &&
                                Throws<ObjectDisposedException>(() => alice.Encrypt("after the purge"u8));
            Say("purge", protection.Purged
                ? "SecureMemory.Purge wiped every secret: the passphrase and the sessions now throw ObjectDisposedException"
                : "a secret survived the purge!");
        }
        finally
        {
            // After the purge these only release what is left (mappings, file locks); disposing a purged secret is allowed.
            foreach (IDisposable? d in (IDisposable?[])[thief, alice, bob, aliceId, bobId, aliceStore, bobStore, storeKey, passphrase])
            {
                try
                {
                    d?.Dispose();
                }
                catch (ObjectDisposedException)
                {
                }
            }
            Directory.Delete(root, recursive: true);
            protection.StoresDeleted = !Directory.Exists(root);
            SecureMemory.Policy = previousPolicy;
        }
        report.TotalMilliseconds = Math.Round(clock.Elapsed.TotalMilliseconds, 1);
        Validate(report);
        return report;
    }

    private static void TryThief(QuantumSession thief, Sent m, DemoPostCompromise theft)
    {
        bool read;
        try
        {
            using Secret? plain = thief.Decrypt(m.Wire);
            read = true;
        }
        catch (SessionException)
        {
            read = false;
        }
        theft.ThiefAttempts++;
        if (read) theft.ThiefDecrypted++;
        if (m.AfterTurn)
        {
            theft.AttemptsAfterRatchetTurn++;
            if (read) theft.DecryptedAfterRatchetTurn++;
        }
        if (m.AfterSpqrEpoch)
        {
            theft.AttemptsAfterSpqrEpoch++;
            if (read) theft.DecryptedAfterSpqrEpoch++;
        }
    }

    private static string? RejectionOf(QuantumSession session, byte[] wire)
    {
        try
        {
            session.Decrypt(wire)?.Dispose();
            return null;
        }
        catch (SessionException e)
        {
            return e.Reason.ToString();
        }
    }

    private static bool Throws<T>(Action action) where T : Exception
    {
        try
        {
            action();
            return false;
        }
        catch (T)
        {
            return true;
        }
    }

    private static void Save(FileSessionStore store, string name, Secret record)
    {
        using (record)
        using (SecretReadLease lease = record.OpenRead())
            store.Save(name, lease.Span);
    }

    private static byte[] Plaintext(int index, Random rng) =>
        Encoding.UTF8.GetBytes($"message {index}: {new string('.', rng.Next(0, 200))}");

    private static void Check(DemoReport report, Secret? plain, byte[] expected)
    {
        report.Decrypted++;
        if (plain is null)
        {
            if (expected.Length == 0) report.PlaintextsMatched++;
            return;
        }
        using SecretReadLease lease = plain.OpenRead();
        if (lease.Span.SequenceEqual(expected)) report.PlaintextsMatched++;
    }

    private static void Validate(DemoReport r)
    {
        DemoPostCompromise t = r.PostCompromise;
        if (r.MessagesAliceToBob + r.MessagesBobToAlice != r.Messages) r.Failures.Add("message counts do not add up");
        if (r.Decrypted != r.Messages) r.Failures.Add("not every message was decrypted");
        if (r.PlaintextsMatched != r.Decrypted) r.Failures.Add("a plaintext did not match");
        if (r.SpqrEpochsAlice <= 0 || r.SpqrEpochsBob <= 0) r.Failures.Add("an SPQR epoch did not complete on both sides");
        if (r.ForwardSecrecy.OldMessageError != nameof(SessionError.Duplicate) ||
            r.ForwardSecrecy.OldMessageErrorFromStore != nameof(SessionError.Duplicate))
            r.Failures.Add("an old message was not refused as a duplicate");
        if (r.ForwardSecrecy.FirstMessageError is null) r.Failures.Add("an early message decrypted again");
        if (t.AttemptsAfterRatchetTurn == 0 || t.DecryptedAfterRatchetTurn != 0)
            r.Failures.Add("the thief's copy was not locked out after the ratchet turned");
        if (t.AttemptsAfterSpqrEpoch == 0 || t.DecryptedAfterSpqrEpoch != 0 || t.SpqrEpochsSinceTheft <= 0)
            r.Failures.Add("no SPQR epoch completed after the theft with the thief locked out");
        if (!r.Protection.Purged) r.Failures.Add("the purge did not wipe every secret");
        if (!r.Protection.StoresDeleted) r.Failures.Add("the stores were not deleted");
        r.Passed = r.Failures.Count == 0;
    }

    private static void WriteSummary(DemoReport r, TextWriter o)
    {
        IFormatProvider inv = CultureInfo.InvariantCulture;
        DemoProtection p = r.Protection;
        o.WriteLine();
        o.WriteLine("report");
        Line(o, "messages", string.Create(inv, $"{r.Messages:N0} ({r.PlaintextBytes:N0} plaintext bytes)"));
        Line(o, "bytes/message", string.Create(inv, $"median {r.MedianMessageBytes:N0}, max {r.MaxMessageBytes:N0}; first (PreKeySignalMessage) {r.FirstMessageBytes:N0}"));
        Line(o, "SPQR epochs", string.Create(inv, $"alice {r.SpqrEpochsAlice}, bob {r.SpqrEpochsBob} completed"));
        Line(o, "time/message", string.Create(inv, $"{r.MicrosecondsPerMessage:0.0} µs encrypt + decrypt; handshake {r.HandshakeMicroseconds:N0} µs"));
        Line(o, "locked memory", string.Create(inv, $"{ByteUnits.Format(p.LockedBytes)} in {p.LiveSecrets:N0} live secrets before the purge; mlockall {(p.LockAllMemory ? "granted" : "refused")}"));
        Line(o, "protections", string.Create(inv, $"{string.Join(", ", p.PassphraseProtections)}; {p.Refusals} refused"));
        Line(o, "stores", string.Create(inv, $"{p.StoreWrites:N0} atomic writes, {(p.StoresDeleted ? "deleted" : "NOT deleted")}"));
        Line(o, "total", string.Create(inv, $"{r.TotalMilliseconds:N0} ms"));
        o.WriteLine();
        o.WriteLine(r.Passed ? "every check held." : "FAILED: " + string.Join("; ", r.Failures));
    }

    private static void Line(TextWriter o, string label, string value) => o.WriteLine($"  {label,-17}{value}");
}
