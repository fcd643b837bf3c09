// QuantumSession in exactly the shapes of bench/sessions/libsignal-bench.mjs (the libsignal peer, run in the same
// session by bench/sessions/run-libsignal.sh), so the two JSON outputs compare field by field:
//   one-way burst: after the handshake, A encrypts N messages, then B decrypts them in order (into a caller span);
//   alternating:   A and B take turns, encrypt then decrypt;
//   establishment: fresh parties each time; the bundle imported (its two signatures verified, as libsignal's
//                  processPreKeyBundle does) and Initiate, the first message's encryption, its Accept; both sides
//                  know each other's address, so the first message carries the addresses field as libsignal's does.
// Medians of per-message times (Stopwatch), after warm-up passes of each shape (two seconds of them; the Node script
// makes one pass, V8 optimises hot code sooner than .NET's tiered JIT). It also
// prints the managed bytes allocated by the one-way decryptions (the goal is zero).
using System.Diagnostics;
using System.Globalization;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Sessions;

namespace NoFuture.Benchmarks;

internal static class QuantumSessionPaired
{
    internal static void Run()
    {
        int messages = int.Parse(Environment.GetEnvironmentVariable("MESSAGES") ?? "1000", CultureInfo.InvariantCulture);
        int establishments = int.Parse(Environment.GetEnvironmentVariable("ESTABLISHMENTS") ?? "200", CultureInfo.InvariantCulture);
        // Warm-up passes for two seconds, not one pass: the tiered JIT starts counting calls only after 100 ms without
        // new tier-0 compilations and then compiles in the background, so after a single pass (about 0.4 s) the timed
        // one-way burst still ran partly unoptimised code (11.3 µs per message against 8.8 µs with
        // DOTNET_TC_CallCountingDelayMs=0, back to back). BenchmarkDotNet's own warm-up does the same.
        var warmUp = Stopwatch.StartNew();
        do
        {
            OneWay(messages);
            Alternating(messages);
            Establishment(establishments);
        }
        while (warmUp.Elapsed < TimeSpan.FromSeconds(2));
        string oneWay = OneWay(messages), alternating = Alternating(messages), establishment = Establishment(establishments);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"nofuture\":true,\"messages\":{messages},\"establishments\":{establishments},\"oneWay\":{oneWay},\"alternating\":{alternating},\"establishment\":{establishment}}}"));
    }

    private static string OneWay(int messages)
    {
        using var alice = QuantumIdentity.Generate();
        using var bob = QuantumIdentity.Generate(2);
        (QuantumSession a, QuantumSession b) = QuantumSessionBenchmarks.Establish(alice, bob);
        using (a)
        using (b)
        {
            var sent = new byte[messages][];
            var enc = new List<double>(messages);
            var dec = new List<double>(messages);
            var sizes = new List<double>(messages);
            byte[] plaintext = new byte[1024], received = new byte[1024 + 32];
            for (int i = 0; i < messages; i++)
            {
                Random.Shared.NextBytes(plaintext);
                long t = Stopwatch.GetTimestamp();
                sent[i] = a.Encrypt(plaintext);
                enc.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
                sizes.Add(sent[i].Length);
            }
            long allocated = 0;
            foreach (byte[] m in sent)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                long t = Stopwatch.GetTimestamp();
                b.Decrypt(m, received);
                dec.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }
            return Shape(enc, dec, sizes) + string.Create(CultureInfo.InvariantCulture, $",\"decryptAllocatedBytes\":{allocated}}}");
        }
    }

    private static string Alternating(int messages)
    {
        using var alice = QuantumIdentity.Generate();
        using var bob = QuantumIdentity.Generate(2);
        (QuantumSession a, QuantumSession b) = QuantumSessionBenchmarks.Establish(alice, bob);
        using (a)
        using (b)
        {
            var enc = new List<double>(messages);
            var dec = new List<double>(messages);
            var sizes = new List<double>(messages);
            byte[] plaintext = new byte[1024], received = new byte[1024 + 32];
            for (int i = 0; i < messages; i++)
            {
                (QuantumSession from, QuantumSession to) = i % 2 == 0 ? (a, b) : (b, a);
                Random.Shared.NextBytes(plaintext);
                long t = Stopwatch.GetTimestamp();
                byte[] m = from.Encrypt(plaintext);
                enc.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
                sizes.Add(m.Length);
                t = Stopwatch.GetTimestamp();
                to.Decrypt(m, received);
                dec.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            }
            return Shape(enc, dec, sizes) + "}";
        }
    }

    private static string Establishment(int establishments)
    {
        var bundleUs = new List<double>(establishments);
        var firstUs = new List<double>(establishments);
        var firstDecryptUs = new List<double>(establishments);
        var sizes = new List<double>(establishments);
        byte[] plaintext = new byte[1024];
        for (int i = 0; i < establishments; i++)
        {
            using var alice = QuantumIdentity.Generate();
            using var bob = QuantumIdentity.Generate(2);
            PreKeyBundle published = bob.CreatePreKeyBundle();
            (QuantumSessionOptions aliceOptions, QuantumSessionOptions bobOptions) = QuantumSessionBenchmarks.Addresses();
            Random.Shared.NextBytes(plaintext);
            // Bundle processing as libsignal's processPreKeyBundle: the bundle's signatures verified (Import), then PQXDH.
            long t = Stopwatch.GetTimestamp();
            using QuantumSession a = QuantumSession.Initiate(alice, Import(published), aliceOptions);
            bundleUs.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            t = Stopwatch.GetTimestamp();
            byte[] m = a.Encrypt(plaintext);
            firstUs.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            sizes.Add(m.Length);
            t = Stopwatch.GetTimestamp();
            using QuantumSession b = QuantumSession.Accept(bob, m, out Secret? first, bobOptions);
            firstDecryptUs.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            first?.Dispose();
        }
        double bundle = Median(bundleUs), enc = Median(firstUs), dec = Median(firstDecryptUs);
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"bundleUs\":{bundle:F1},\"firstEncryptUs\":{enc:F1},\"firstDecryptUs\":{dec:F1},\"totalUs\":{bundle + enc + dec:F1},\"bytesMedian\":{Median(sizes)},\"bytesMax\":{sizes.Max()}}}");
    }

    /// <summary>The parts of establishment, each timed alone (medians), to see where its time goes.</summary>
    internal static void Parts()
    {
        using var bob = QuantumIdentity.Generate(2);
        PreKeyBundle b = bob.CreatePreKeyBundle();
        using X25519PrivateKey k = X25519PrivateKey.Generate();
        byte[] peer = b.SignedPreKey[1..].ToArray(), ss = new byte[32];
        byte[] kyber = b.KyberPreKey.ToArray();
        Part("XEdDsa.Verify", () => XEdDsa.Verify(b.IdentityKey[1..], b.SignedPreKey, b.SignedPreKeySignature));
        Part("X25519 Generate", () => X25519PrivateKey.Generate().Dispose());
        Part("X25519 Agree", () => k.Agree(peer, ss));
        Part("OpenIdentityKey", () => bob.OpenIdentityKey().Dispose());
        Part("Kyber1024 encapsulate", () => NoFuture.Sessions.Handshake.KemPreKey.Encapsulate(kyber, ss));
        Part("SpqrState.Create", () => NoFuture.Sessions.Spqr.SpqrState.Create(NoFuture.Sessions.Spqr.SpqrDirection.A2B, ss, 0, 0).Dispose());
        Part("Secret.CopyFrom(32)", () => Secret.CopyFrom(ss).Dispose());
        Part("PreKeyBundle.Import", () => Import(b));
        byte[] key = new byte[32], iv = new byte[16], plain = new byte[1024], cipher = new byte[1040], back = new byte[1040];
        byte[] keys = new byte[80], mac = new byte[32];
        Part("HMAC-SHA256 1 byte", () => NoFuture.Sessions.Ratchet.RatchetKdf.MessageKeySeed(key, mac));
        Part("HMAC-SHA256 1.1 KiB", () => NoFuture.Sessions.Ratchet.RatchetKdf.Hmac(key, kyber.AsSpan(0, 33), kyber.AsSpan(0, 33), cipher, mac));
        Part("HKDF message keys", () => NoFuture.Sessions.Ratchet.RatchetKdf.MessageKeys(key, key, keys));
        var enc = new NoFuture.Sessions.Spqr.Encoding.PolyEncoder(new byte[96], 10);
        byte[] chunk = new byte[32];
        Part("SPQR header chunk (PolyEncoder.NextChunk)", () => enc.NextChunk(chunk));
        Part("SpqrMessage.Serialize", () => new NoFuture.Sessions.Spqr.SpqrMessage(5, 7, NoFuture.Sessions.Spqr.SpqrMessageType.Hdr, new NoFuture.Sessions.Spqr.SpqrChunk(12, chunk)).Serialize());
        Part("KDF_CK chain step", () => NoFuture.Sessions.Ratchet.RatchetKdf.ChainStep(key, mac, keys.AsSpan(0, 32)));
        Part("SPQR chain HKDF (zero salt, 64 bytes)", () => NoFuture.Sessions.Spqr.SpqrKdf.Hkdf(default, key, NoFuture.Sessions.Spqr.SpqrKdf.ChainNext, keys.AsSpan(0, 64)));
        Part("AES-256-CBC encrypt 1 KiB", () => NoFuture.Crypto.Aead.Aes256Cbc.Encrypt(key, iv, plain, cipher));
        Part("AES-256-CBC decrypt 1 KiB", () => NoFuture.Crypto.Aead.Aes256Cbc.Decrypt(key, iv, cipher, back));
        // The path above is AES-NI where the CPU has it; against the EVP path (OpenSSL, or the BCL without it), paired.
        PathPair("AES-256-CBC encrypt 1 KiB", () => NoFuture.Crypto.Aead.Aes256Cbc.Encrypt(true, key, iv, plain, cipher),
            () => NoFuture.Crypto.Aead.Aes256Cbc.Encrypt(false, key, iv, plain, cipher));
        PathPair("AES-256-CBC decrypt 1 KiB", () => NoFuture.Crypto.Aead.Aes256Cbc.Decrypt(true, key, iv, cipher, back),
            () => NoFuture.Crypto.Aead.Aes256Cbc.Decrypt(false, key, iv, cipher, back));
        using var spqr = NoFuture.Sessions.Spqr.SpqrState.Create(NoFuture.Sessions.Spqr.SpqrDirection.A2B, ss, 0, 0);
        Part("SpqrState.Send (header chunks)", () => spqr.Send(key, out _));
        (QuantumSession a, QuantumSession s) = QuantumSessionBenchmarks.Establish(bob, bob);
        Part("QuantumSession.Encrypt 1 KiB", () => a.Encrypt(plain));
        a.Dispose();
        s.Dispose();
    }

    internal static PreKeyBundle Import(PreKeyBundle b) => PreKeyBundle.Import(b.RegistrationId, b.DeviceId, b.PreKeyId, b.PreKey,
        b.SignedPreKeyId, b.SignedPreKey, b.SignedPreKeySignature, b.IdentityKey, b.KyberPreKeyId, b.KyberPreKey, b.KyberPreKeySignature);

    private static void Part(string what, Action action)
    {
        // Warm up for half a second, not a fixed count: the tiered JIT starts counting calls only after 100 ms without
        // new tier-0 compilations, so 200 quick calls timed mostly unoptimised code.
        long warmUp = Stopwatch.GetTimestamp();
        for (int i = 0; i < 200 || Stopwatch.GetElapsedTime(warmUp).TotalMilliseconds < 500; i++) action();
        var us = new List<double>(1000);
        for (int i = 0; i < 1000; i++)
        {
            long t = Stopwatch.GetTimestamp();
            action();
            us.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {Median(us):F1} us"));
    }

    /// <summary>Two paths of one operation in A B B A rounds (PairedTiming), with the median per-round ratio.</summary>
    private static void PathPair(string what, Action aesNi, Action evp)
    {
        if (!NoFuture.Crypto.Aead.Aes256Ni.IsSupported)
        {
            Console.WriteLine($"{what}: no AES instructions here, AES-NI path not timed");
            return;
        }
        for (int i = 0; i < 2000; i++) { aesNi(); evp(); }
        PairedTiming.Rounds rounds = PairedTiming.Alternate(aesNi, evp, 100, 200);
        var ratios = rounds.Sums.Select(x => x.Ours / x.Peer).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}, paired: AES-NI median {PairedTiming.Median(rounds.OursUs):F2} us, EVP median {PairedTiming.Median(rounds.PeerUs):F2} us, median ratio AES-NI/EVP {PairedTiming.Median(ratios):F2}"));
    }

    private static string Shape(List<double> enc, List<double> dec, List<double> sizes) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"encryptUs\":{Median(enc):F1},\"decryptUs\":{Median(dec):F1},\"bytesMedian\":{Median(sizes)},\"bytesMax\":{sizes.Max()}");

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
