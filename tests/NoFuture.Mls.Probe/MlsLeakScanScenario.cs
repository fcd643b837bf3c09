// No MLS secret on the GC heap (RFC 9420 §8 key schedule, §9 secret tree, §6.2/§6.3 message protection): for suites 1,
// 3 and 4, an epoch's secrets are derived (EpochSecrets.Derive from random init, commit and PSK secrets, plus an
// MLS-Exporter output), a sender's and a receiver's secret tree are started from encryption_secret, and application,
// proposal and commit PrivateMessages are protected, encoded, decoded and unprotected, as are proposal and commit
// PublicMessages (membership tag). Tagged: the three inputs, every epoch secret, the exported secret, and for every
// PrivateMessage its content key and nonce, its sender-data key and nonce, and its application data (sent from a
// Secret, received into one). Protect and Unprotect consume (wipe)
// the keys they use, so the probe derives the same ones again from a third tree of the same encryption_secret
// (generations are handed out in order) and from sender_data_secret and the ciphertext, and keeps those alive until
// the scan (positive control: each must be found inside the pools). Then the whole process is scanned for the first
// 8 bytes of each outside the pools.
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Framing;
using NoFuture.Mls.KeySchedule;
using NoFuture.Mls.Proposals;
using NoFuture.Mls.SecretTree;
using NoFuture.Tests.Shared.Probe;

namespace NoFuture.Mls.Probe;

internal static class MlsLeakScanScenario
{
    /// <summary>Messages of each kind (application, proposal, commit) protected per suite and sender leaf.</summary>
    internal const int MessagesPerKind = 3;

    private const uint LeafCount = 4;
    private static readonly uint[] SenderLeaves = [1, 2];

    internal static int Run()
    {
        MlsCipherSuite[] suites =
        [
            MlsCipherSuite.Mls128DhKemX25519Aes128GcmSha256Ed25519,
            MlsCipherSuite.Mls128DhKemX25519ChaCha20Poly1305Sha256Ed25519,
            MlsCipherSuite.Mls256DhKemX448Aes256GcmSha512Ed448,
        ];
        var complements = new List<ulong>();
        var keep = new List<IDisposable>();
        int privateMessages = 0, publicMessages = 0;
        foreach (MlsCipherSuite suite in suites)
            Epoch(suite, complements, keep, ref privateMessages, ref publicMessages);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        List<(nint, nint)> pools = MemoryScan.PoolRanges();
        Report("suites", suites.Length);
        Report("privateMessages", privateMessages);
        Report("publicMessages", publicMessages);
        Report("secrets", complements.Count);
        Report("outsidePools", MemoryScan.Count(complements, pools, insidePools: false));
        Report("insidePools", MemoryScan.Count(complements, pools, insidePools: true));
        foreach (IDisposable d in keep) d.Dispose();
        return 0;
    }

    private static void Epoch(MlsCipherSuite suite, List<ulong> complements, List<IDisposable> keep,
        ref int privateMessages, ref int publicMessages)
    {
        int nh = suite.Kdf.HashSizeInBytes;
        Secret init = Secret.CreateRandom(nh), commit = Secret.CreateRandom(nh), psk = Secret.CreateRandom(nh);
        byte[] groupId = RandomNumberGenerator.GetBytes(16);
        const ulong epoch = 7;
        var context = new GroupContext(GroupContext.Mls10, suite.Id, groupId, epoch,
            RandomNumberGenerator.GetBytes(nh), RandomNumberGenerator.GetBytes(nh), []);
        byte[] contextBytes = MlsCodec.EncodeToArray(context);

        EpochSecrets secrets;
        using (SecretReadLease i = init.OpenRead())
        using (SecretReadLease c = commit.OpenRead())
        using (SecretReadLease p = psk.OpenRead())
            secrets = EpochSecrets.Derive(suite, i.Span, c.Span, p.Span, contextBytes);
        Secret exported = Secret.Allocate(nh);
        using (SecretWriteLease w = exported.OpenWrite()) secrets.Export("probe"u8, "context"u8, w.Span);
        _ = secrets.ExternalPublicKey; // KEM.DeriveKeyPair(external_secret), §8.3

        EpochSecretTree sender, receiver, shadow;
        using (SecretReadLease e = secrets.EncryptionSecret.OpenRead())
        {
            sender = new EpochSecretTree(suite, LeafCount, e.Span);
            receiver = new EpochSecretTree(suite, LeafCount, e.Span);
            shadow = new EpochSecretTree(suite, LeafCount, e.Span);
        }
        keep.AddRange([init, commit, psk, secrets, exported, sender, receiver, shadow]);
        foreach (Secret s in new[] { init, commit, psk, exported }) Record(complements, s);
        foreach (Secret s in new[]
        {
            secrets.JoinerSecret, secrets.WelcomeSecret, secrets.SenderDataSecret, secrets.EncryptionSecret,
            secrets.ExporterSecret, secrets.ExternalSecret, secrets.ConfirmationKey, secrets.MembershipKey,
            secrets.ResumptionPsk, secrets.EpochAuthenticator, secrets.InitSecret,
        })
        {
            Record(complements, s);
        }

        using SigningKey signingKey = suite.Signature.GenerateKey();
        foreach (uint leaf in SenderLeaves)
        {
            var from = new Sender(SenderType.Member, leaf);
            for (int m = 0; m < MessagesPerKind; m++)
            {
                Secret applicationData = Secret.CreateRandom(40);
                keep.Add(applicationData);
                Record(complements, applicationData);
                FramedContent application;
                using (SecretReadLease data = applicationData.OpenRead())
                    application = FramedContent.ForApplication(groupId, epoch, from, "ad"u8, data.Span);
                keep.Add(application);
                FramedContent[] contents =
                [
                    application,
                    FramedContent.ForProposal(groupId, epoch, from, [], new Proposal(new Remove(3))),
                    FramedContent.ForCommit(groupId, epoch, from, [], new Commit([], null)),
                ];
                foreach (FramedContent content in contents)
                {
                    byte[]? confirmationTag = content.ContentType == ContentType.Commit ? RandomNumberGenerator.GetBytes(nh) : null;
                    PrivateMessage sealedMessage = ProtectAndUnprotect(suite, sender, receiver, secrets, signingKey, content,
                        confirmationTag, context, publicMessage: false, keep)!;
                    RatchetType type = content.ContentType == ContentType.Application ? RatchetType.Application : RatchetType.Handshake;
                    AeadKeyNonce contentKeys = shadow.NextSenderKey(leaf, type);
                    AeadKeyNonce senderDataKeys = SenderDataKeys.Derive(suite, secrets.SenderDataSecret, sealedMessage.Ciphertext);
                    keep.AddRange([contentKeys, senderDataKeys]);
                    Record(complements, contentKeys.Key);
                    Record(complements, contentKeys.Nonce);
                    Record(complements, senderDataKeys.Key);
                    Record(complements, senderDataKeys.Nonce);
                    privateMessages++;
                    if (content.ContentType == ContentType.Application) continue;
                    ProtectAndUnprotect(suite, sender, receiver, secrets, signingKey, content, confirmationTag, context,
                        publicMessage: true, keep);
                    publicMessages++;
                }
            }
        }
    }

    // The one place this probe calls PrivateMessageProtection and PublicMessageProtection, so a change of their
    // parameters is adapted here only. Each message goes through its wire encoding, as a received one would.
    // Returns the PrivateMessage (null for a PublicMessage); the opened content is kept alive until the scan.
    private static PrivateMessage? ProtectAndUnprotect(MlsCipherSuite suite, EpochSecretTree sender,
        EpochSecretTree receiver, EpochSecrets secrets, SigningKey signingKey, FramedContent content,
        byte[]? confirmationTag, GroupContext context, bool publicMessage, List<IDisposable> keep)
    {
        AuthenticatedContent opened;
        PrivateMessage? result = null;
        if (publicMessage)
        {
            UnverifiedPublicMessage message = PublicMessageProtection.Protect(suite, signingKey, content, confirmationTag,
                context, secrets.MembershipKey);
            MlsMessage received = RoundTrip(new MlsMessage(1, message));
            opened = PublicMessageProtection.Unprotect(suite, received.PublicMessage!, context, secrets.MembershipKey,
                suite.Signature.ImportPublicKey(signingKey.PublicKey));
        }
        else
        {
            result = PrivateMessageProtection.Protect(suite, sender, secrets.SenderDataSecret, signingKey, content,
                confirmationTag, context, MlsPaddingPolicy.Padme);
            MlsMessage received = RoundTrip(new MlsMessage(1, result));
            opened = PrivateMessageProtection.Unprotect(suite, receiver, secrets.SenderDataSecret, received.PrivateMessage!,
                context, _ => suite.Signature.ImportPublicKey(signingKey.PublicKey));
        }
        keep.Add(opened);
        // Application data is compared in secret memory: encoding it to an array would put it on the GC heap.
        bool same = content.ContentType == ContentType.Application
            ? opened.ApplicationData!.FixedTimeEquals(content.ApplicationData!)
            : MlsCodec.EncodeToArray(opened.Content).AsSpan().SequenceEqual(MlsCodec.EncodeToArray(content));
        if (!same) throw new InvalidOperationException("a protected message did not open to its content");
        return result;
    }

    private static MlsMessage RoundTrip(MlsMessage message) =>
        MlsCodec.DecodeExact<MlsMessage>(MlsCodec.EncodeToArray(message), "MLSMessage");

    // The complement of the first 8 bytes: the probe never holds a tag's pattern itself outside the pools.
    private static void Record(List<ulong> complements, Secret secret) =>
        complements.Add(secret.Read(0, static (s, o) => ~BinaryPrimitives.ReadUInt64LittleEndian(s[o..])));

    private static void Report(string key, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
}
