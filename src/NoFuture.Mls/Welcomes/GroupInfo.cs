// RFC 9420 §12.4.3 GroupInfo with its signature verified: produced only by TryVerify, which checks
// VerifyWithLabel(signer's signature_key, "GroupInfoTBS", GroupInfoTBS) (§5.1.2), GroupInfoTBS being every field
// before signature. The signer's key comes from the caller, who finds leaf `signer` in the ratchet tree it will
// validate (§12.4.3.1); this type cannot check that index itself.
//
// The confirmation tag is not part of this check: it needs the confirmation_key of the epoch the GroupInfo describes,
// which the joiner derives from joiner_secret and this GroupInfo's GroupContext, and it is verified at that point
// with KeySchedule.TranscriptHashes.VerifyConfirmationTag (§12.4.3.1). A bad signature is false (docs/failure-policy.md).
using System.Diagnostics.CodeAnalysis;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Crypto;
using NoFuture.Mls.Extensions;
using NoFuture.Mls.KeySchedule;

namespace NoFuture.Mls.Welcomes;

internal sealed class GroupInfo
{
    private GroupInfo(UnverifiedGroupInfo info) => Info = info;

    /// <summary>The decoded fields, now known to be signed by the key the caller gave.</summary>
    internal UnverifiedGroupInfo Info { get; }

    internal GroupContext GroupContext => Info.GroupContext;

    internal ReadOnlySpan<Extension> Extensions => Info.Extensions;

    internal ReadOnlySpan<byte> ConfirmationTag => Info.ConfirmationTag;

    internal uint Signer => Info.Signer;

    internal int EncodedSize => Info.EncodedSize;

    internal void Encode(ref MlsWriter writer) => Info.Encode(ref writer);

    /// <summary>Verifies the signature under <paramref name="signerSignatureKey"/> (the signature_key of leaf
    /// <see cref="UnverifiedGroupInfo.Signer"/>) with the suite's signature algorithm; false if it does not verify
    /// or the GroupContext names another suite.</summary>
    internal static bool TryVerify(
        UnverifiedGroupInfo info, MlsCipherSuite suite, ReadOnlySpan<byte> signerSignatureKey,
        [NotNullWhen(true)] out GroupInfo? verified)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(suite);
        verified = null;
        if (info.GroupContext.CipherSuite != suite.Id) return false;
        byte[] tbs = new byte[info.ContentSize];
        var writer = new MlsWriter(tbs);
        info.EncodeContent(ref writer);
        if (!LabeledSignature.VerifyWithLabel(suite.Signature, signerSignatureKey, "GroupInfoTBS"u8, tbs, info.Signature))
            return false;
        verified = new GroupInfo(info);
        return true;
    }
}
