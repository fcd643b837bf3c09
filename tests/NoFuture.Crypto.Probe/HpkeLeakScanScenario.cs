// No secret on the GC heap for HPKE seal/open: for X-Wing, ML-KEM-768, DHKEM(X25519) and DHKEM(P-256), rounds of
// key generation, single-shot Seal/Open in psk mode and a context's Seal/Open/Export in base mode, with every secret
// the HPKE layer touches tagged: the recipient's private key, the PSK, the plaintext (sealed from and opened into
// Secrets), the KEM shared secret, the context's key and exporter secret, and an exported secret. Then the whole
// process is scanned for the first 8 bytes of each outside the pools. The tagged Secrets stay alive until the scan,
// so each must also be found inside the pools (positive control).
using System.Buffers.Binary;
using System.Globalization;
using NoFuture.Crypto.Hpke;
using NoFuture.Memory;
using NoFuture.Tests.Shared.Probe;

namespace NoFuture.Crypto.Probe;

internal static class HpkeLeakScanScenario
{
    private const int RoundsPerKem = 6;

    internal static int Run()
    {
        HpkeSuite[] suites =
        [
            new(HpkeKem.XWing, HpkeKdf.HkdfSha256, HpkeAead.ChaCha20Poly1305),
            new(HpkeKem.MlKem768, HpkeKdf.Shake256, HpkeAead.Aes256Gcm),
            new(HpkeKem.DhKemX25519HkdfSha256, HpkeKdf.HkdfSha256, HpkeAead.Aes128Gcm),
            new(HpkeKem.DhKemP256HkdfSha256, HpkeKdf.HkdfSha256, HpkeAead.Aes128Gcm),
        ];
        var complements = new List<ulong>();
        var keep = new List<IDisposable>();
        foreach (HpkeSuite suite in suites)
            for (int round = 0; round < RoundsPerKem; round++) Round(suite, complements, keep);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        List<(nint, nint)> pools = MemoryScan.PoolRanges();
        Report("secrets", complements.Count);
        Report("outsidePools", MemoryScan.Count(complements, pools, insidePools: false));
        Report("insidePools", MemoryScan.Count(complements, pools, insidePools: true));
        foreach (IDisposable d in keep) d.Dispose();
        return 0;
    }

    private static void Round(HpkeSuite suite, List<ulong> complements, List<IDisposable> keep)
    {
        HpkeKem kem = suite.Kem;
        HpkeAead aead = suite.Aead;
        HpkePrivateKey skR = HpkePrivateKey.Generate(kem, exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        Secret skm = skR.ExportPrivateKey();
        Secret psk = Secret.CreateRandom(32);
        Secret plaintext = Secret.CreateRandom(64);
        Secret opened = Secret.Allocate(64), openedInContext = Secret.Allocate(64);
        Secret sharedSecret = Secret.Allocate(kem.SharedSecretSizeInBytes);
        byte[] enc = new byte[kem.EncapsulatedKeySizeInBytes], ct = new byte[suite.GetCiphertextSize(64)];

        // Single-shot, psk mode.
        using (SecretReadLease pt = plaintext.OpenRead())
            suite.Seal(skR.PublicKey, pt.Span, enc, ct, "info"u8, "aad"u8, psk, "id"u8);
        bool ok;
        using (SecretWriteLease o = opened.OpenWrite()) ok = suite.Open(skR, enc, ct, o.Span, "info"u8, "aad"u8, psk, "id"u8);
        if (!ok || !opened.FixedTimeEquals(plaintext)) throw new InvalidOperationException("single-shot round trip failed");
        using (SecretWriteLease ss = sharedSecret.OpenWrite())
            if (!kem.Core.Decap(skR, enc, ss.Span)) throw new InvalidOperationException("decap failed");

        // Context, base mode: seal, open, export.
        HpkeSenderContext sender = suite.SetupSender(skR.PublicKey, enc, "ctx"u8);
        HpkeRecipientContext recipient = suite.SetupRecipient(skR, enc, "ctx"u8);
        using (SecretReadLease pt = plaintext.OpenRead()) sender.Seal(pt.Span, ct);
        using (SecretWriteLease o = openedInContext.OpenWrite()) ok = recipient.Open(ct, o.Span);
        if (!ok || !openedInContext.FixedTimeEquals(plaintext)) throw new InvalidOperationException("context round trip failed");
        Secret exported = recipient.Export("exp"u8, 32);

        Record(complements, skm, 0);
        Record(complements, psk, 0);
        Record(complements, plaintext, 0);
        Record(complements, sharedSecret, 0);
        Record(complements, sender.SecretsForTesting, 0);                                             // key
        Record(complements, sender.SecretsForTesting, aead.KeySizeInBytes + aead.NonceSizeInBytes);   // exporter_secret
        Record(complements, exported, 0);
        keep.AddRange([skR, skm, psk, plaintext, opened, openedInContext, sharedSecret, sender, recipient, exported]);
    }

    private static void Record(List<ulong> complements, Secret secret, int offset) =>
        complements.Add(secret.Read(offset, static (s, o) => ~BinaryPrimitives.ReadUInt64LittleEndian(s[o..])));

    private static void Report(string key, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
}
