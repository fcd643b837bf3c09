// The verified forms (docs/mls.md, "Decoded is not validated"): KeyPackage.TryVerify (RFC 9420 §10.1) over the real
// key packages of passive-client-welcome.json, and LeafNode.TryVerifyInGroup (§7.3, LeafNodeTBS with group_id and
// leaf_index) over every leaf of tree-validation.json (mlswg/mls-implementations, commit
// cfd450286d1bfd9cd2519b95c80f9771f94a5b1a; see mls/SOURCES.md). Each is also shown to refuse: a flipped signature bit,
// the wrong suite, the wrong leaf index. GroupInfo.TryVerify runs on the GroupInfos of welcome.json, reached the way a
// joiner reaches them (§12.4.3.1): find our EncryptedGroupSecrets by KeyPackageRef, open GroupSecrets with init_priv,
// derive welcome_secret from joiner_secret, open encrypted_group_info, verify under signer_pub, then check its
// confirmation_tag with the confirmation_key of the epoch it describes (§8.2, §12.4.3.1).
using System.Text.Json;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Crypto;
using NoFuture.Mls.KeyPackages;
using NoFuture.Mls.KeySchedule;
using NoFuture.Mls.Tree;
using NoFuture.Mls.Welcomes;
using NoFuture.Mls.Wire;
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.Wire;

public class SignatureVerificationTests
{
    [Fact]
    public void PassiveClientKeyPackages_VerifyAndRefuseDamage()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("mls/passive-client-welcome.json")));
        int ran = 0, inFile = 0;
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            inFile++;
            MlsCipherSuite suite = MlsCipherSuite.FromId(entry.GetProperty("cipher_suite").GetUInt16())!;
            byte[] encoded = Convert.FromHexString(entry.GetProperty("key_package").GetString()!);
            UnverifiedKeyPackage package = MlsMessageHeader.DecodeBody<UnverifiedKeyPackage>(encoded, WireFormat.KeyPackage, out _);

            Assert.True(KeyPackage.TryVerify(package, suite, out KeyPackage? verified), $"suite {suite.Id}");
            Assert.Equal(package.InitKey.ToArray(), verified.InitKey.ToArray());
            Assert.Equal(LeafNodeSource.KeyPackage, verified.LeafNode.Source);

            // The last byte of the MLSMessage is the last byte of the KeyPackage's signature.
            byte[] badSignature = (byte[])encoded.Clone();
            badSignature[^1] ^= 0x01;
            UnverifiedKeyPackage damaged = MlsMessageHeader.DecodeBody<UnverifiedKeyPackage>(badSignature, WireFormat.KeyPackage, out _);
            Assert.False(KeyPackage.TryVerify(damaged, suite, out KeyPackage? none));
            Assert.Null(none);

            MlsCipherSuite other = MlsCipherSuite.All.First(s => s.Id != suite.Id);
            Assert.False(KeyPackage.TryVerify(package, other, out _));
            ran++;
        }
        VectorCount.AllRan(ran, inFile, "passive-client-welcome.json key packages");
    }

    [Fact]
    public void TreeValidationLeaves_VerifyAtTheirIndexOnly()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("mls/tree-validation.json")));
        int leaves = 0, trees = 0, inFile = 0;
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            inFile++;
            MlsCipherSuite suite = MlsCipherSuite.FromId(entry.GetProperty("cipher_suite").GetUInt16())!;
            byte[] groupId = Convert.FromHexString(entry.GetProperty("group_id").GetString()!);
            RatchetTree tree = MlsCodec.DecodeExact<RatchetTree>(Convert.FromHexString(entry.GetProperty("tree").GetString()!), "tree");
            for (int i = 0; i < tree.Nodes.Length; i += 2)
            {
                UnverifiedLeafNode? leaf = tree.Nodes[i]?.Leaf;
                if (leaf is null) continue;
                uint leafIndex = (uint)(i / 2);
                bool ok = leaf.Source == LeafNodeSource.KeyPackage
                    ? LeafNode.TryVerifyInKeyPackage(leaf, suite, out _)
                    : LeafNode.TryVerifyInGroup(leaf, suite, groupId, leafIndex, out _);
                Assert.True(ok, $"suite {suite.Id}, leaf {leafIndex}");
                if (leaf.Source != LeafNodeSource.KeyPackage)
                {
                    Assert.False(LeafNode.TryVerifyInGroup(leaf, suite, groupId, leafIndex + 1, out _));
                    Assert.False(LeafNode.TryVerifyInGroup(leaf, suite, [.. groupId, 0x00], leafIndex, out _));
                    Assert.False(LeafNode.TryVerifyInKeyPackage(leaf, suite, out _));
                }
                leaves++;
            }
            trees++;
        }
        VectorCount.AllRan(trees, inFile, "tree-validation.json trees");
        Assert.True(leaves > trees);
    }

    [Fact]
    public void WelcomeVectors_GroupInfoOpensAndVerifies()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("mls/welcome.json")));
        int ran = 0, inFile = 0;
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            inFile++;
            MlsCipherSuite suite = MlsCipherSuite.FromId(entry.GetProperty("cipher_suite").GetUInt16())!;
            byte[] keyPackage = Convert.FromHexString(entry.GetProperty("key_package").GetString()!);
            byte[] signerPub = Convert.FromHexString(entry.GetProperty("signer_pub").GetString()!);
            Welcome welcome = MlsMessageHeader.DecodeBody<Welcome>(
                Convert.FromHexString(entry.GetProperty("welcome").GetString()!), WireFormat.Welcome, out _);
            Assert.Equal(suite.Id, welcome.CipherSuite);

            // KeyPackageRef = RefHash("MLS 1.0 KeyPackage Reference", KeyPackage) over the body of the MLSMessage (§5.2).
            byte[] reference = RefHash.Compute(suite.Hash, RefHash.KeyPackageLabel, keyPackage.AsSpan(MlsMessageHeader.Size));
            EncryptedGroupSecrets? mine = null;
            foreach (EncryptedGroupSecrets s in welcome.Secrets)
                if (s.NewMember.SequenceEqual(reference)) mine = s;
            Assert.NotNull(mine);

            byte[] groupInfo = OpenGroupInfo(suite, entry, welcome, mine, out Secret joinerSecret);
            UnverifiedGroupInfo info = MlsCodec.DecodeExact<UnverifiedGroupInfo>(groupInfo, "group_info");
            Assert.Equal(groupInfo, MlsCodec.EncodeToArray(info));

            // confirmation_tag = MAC(confirmation_key, confirmed_transcript_hash) of the epoch the GroupInfo
            // describes (§12.4.3.1): the key schedule from joiner_secret over that GroupContext, no PSKs.
            using (joinerSecret)
            using (SecretReadLease joiner = joinerSecret.OpenRead())
            using (EpochSecrets joined = EpochSecrets.FromJoinerSecret(suite, joiner.Span, default, MlsCodec.EncodeToArray(info.GroupContext)))
            {
                ReadOnlySpan<byte> confirmed = info.GroupContext.ConfirmedTranscriptHash;
                Assert.True(TranscriptHashes.VerifyConfirmationTag(suite, joined.ConfirmationKey, confirmed, info.ConfirmationTag), $"suite {suite.Id}");
                byte[] badTag = info.ConfirmationTag.ToArray();
                badTag[^1] ^= 0x01;
                Assert.False(TranscriptHashes.VerifyConfirmationTag(suite, joined.ConfirmationKey, confirmed, badTag));
            }

            Assert.True(GroupInfo.TryVerify(info, suite, signerPub, out GroupInfo? verified), $"suite {suite.Id}");
            Assert.Equal(info.Signer, verified.Signer);

            byte[] badSignature = (byte[])groupInfo.Clone();
            badSignature[^1] ^= 0x01;
            Assert.False(GroupInfo.TryVerify(MlsCodec.DecodeExact<UnverifiedGroupInfo>(badSignature, "group_info"), suite, signerPub, out _));
            byte[] badSigner = (byte[])signerPub.Clone();
            badSigner[0] ^= 0x01;
            Assert.False(GroupInfo.TryVerify(info, suite, badSigner, out _));
            ran++;
        }
        VectorCount.AllRan(ran, inFile, "welcome.json entries");
    }

    private static byte[] OpenGroupInfo(
        MlsCipherSuite suite, JsonElement entry, Welcome welcome, EncryptedGroupSecrets mine, out Secret joinerSecret)
    {
        using HpkePrivateKey initPriv = HpkePrivateKey.Import(suite.Kem, Convert.FromHexString(entry.GetProperty("init_priv").GetString()!));
        ReadOnlySpan<byte> sealedSecrets = mine.Ciphertext.Ciphertext;
        using Secret plaintext = Secret.Allocate(sealedSecrets.Length - suite.HpkeAead.TagSizeInBytes);
        using (SecretWriteLease w = plaintext.OpenWrite())
        {
            Assert.True(LabeledEncryption.DecryptWithLabel(
                suite, initPriv, "Welcome"u8, welcome.EncryptedGroupInfo, mine.Ciphertext.KemOutput, sealedSecrets, w.Span));
        }
        using SecretReadLease r = plaintext.OpenRead();
        GroupSecrets secrets = MlsCodec.DecodeExact<GroupSecrets>(r.Span, "group_secrets");
        Assert.Equal(0, secrets.Psks.Length);
        joinerSecret = Secret.CopyFrom(secrets.JoinerSecret);

        // welcome_secret depends only on joiner_secret and psk_secret (all zero without PSKs), not on the context.
        using EpochSecrets epoch = EpochSecrets.FromJoinerSecret(suite, secrets.JoinerSecret, default, []);
        using SecretReadLease welcomeSecret = epoch.WelcomeSecret.OpenRead();
        using Secret key = MlsKdf.ExpandWithLabel(suite.Kdf, welcomeSecret.Span, "key"u8, [], suite.Aead.KeySizeInBytes);
        byte[] nonce = new byte[suite.Aead.NonceSizeInBytes];
        MlsKdf.ExpandWithLabel(suite.Kdf, welcomeSecret.Span, "nonce"u8, [], nonce);
        ReadOnlySpan<byte> sealedInfo = welcome.EncryptedGroupInfo;
        int tag = suite.Aead.TagSizeInBytes;
        byte[] groupInfo = new byte[sealedInfo.Length - tag];
        Assert.True(suite.Aead.Open(key, nonce, sealedInfo[..^tag], sealedInfo[^tag..], groupInfo));
        return groupInfo;
    }
}
