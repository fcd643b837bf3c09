// RFC 9420 §6.3.1 PrivateMessageContent and §6.3.2 SenderData, the plaintexts inside a PrivateMessage. messages.json
// carries only the encrypted form, so these are built, encoded and decoded back: each content type with and without
// padding, non-zero padding refused (§6.3.1 requires zeros), cuts inside the auth data refused.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Extensions;
using NoFuture.Mls.Framing;
using NoFuture.Mls.Proposals;

namespace NoFuture.Mls.Tests.Wire;

public class PrivateMessageContentTests
{
    private static byte[] Encode(PrivateMessageContent content)
    {
        byte[] result = new byte[content.EncodedSize];
        var writer = new MlsWriter(result);
        content.Encode(ref writer);
        Assert.Equal(result.Length, writer.Written);
        return result;
    }

    private static byte[] Build(int contentType, int padding) => contentType switch
    {
        1 => Encode(PrivateMessageContent.ForApplication([0x68, 0x69], new FramedContentAuthData([0x5A], null), padding)),
        2 => Encode(PrivateMessageContent.ForProposal(
            new Proposal(new Remove(3)), new FramedContentAuthData([0x5A, 0x5B], null), padding)),
        _ => Encode(PrivateMessageContent.ForCommit(
            new Commit([new ProposalOrRef([0xAB, 0xCD]), new ProposalOrRef(new Proposal(new GroupContextExtensions(
                [new Extension(ExtensionType.ApplicationId, [1])])))], null),
            new FramedContentAuthData([0x5A], [0xC0, 0xC1]), padding)),
    };

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 17)]
    [InlineData(2, 0)]
    [InlineData(2, 3)]
    [InlineData(3, 0)]
    [InlineData(3, 64)]
    public void EachContentType_RoundTrips_WithItsPadding(int contentType, int padding)
    {
        byte[] encoded = Build(contentType, padding);
        PrivateMessageContent decoded = PrivateMessageContent.Decode(encoded, (ContentType)contentType);
        Assert.Equal((ContentType)contentType, decoded.ContentType);
        Assert.Equal(padding, decoded.PaddingLength);
        Assert.Equal(contentType == 3, decoded.Auth.HasConfirmationTag);
        if (contentType == 1) Assert.Equal([0x68, 0x69], decoded.ApplicationData.ToArray());
        if (contentType == 2) Assert.Equal(3u, decoded.Proposal!.Remove!.Removed);
        if (contentType == 3) Assert.Equal(2, decoded.Commit!.Proposals.Length);
        Assert.Equal(encoded, Encode(decoded));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NonZeroPadding_IsInvalidValue(int contentType)
    {
        byte[] encoded = Build(contentType, 8);
        for (int i = encoded.Length - 8; i < encoded.Length; i++)
        {
            byte[] bad = (byte[])encoded.Clone();
            bad[i] = 0x01;
            var e = Assert.Throws<MlsException>(() => PrivateMessageContent.Decode(bad, (ContentType)contentType));
            Assert.Equal(MlsError.InvalidValue, e.Error);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void CutsBeforeThePadding_AreTruncated(int contentType)
    {
        // Without padding, every cut falls inside the content or the auth data. (A cut inside the padding only
        // shortens it: the AEAD, not the encoding, protects the plaintext's length.)
        byte[] encoded = Build(contentType, 0);
        for (int cut = 0; cut < encoded.Length; cut++)
        {
            var e = Assert.Throws<MlsException>(() => PrivateMessageContent.Decode(encoded.AsSpan(0, cut), (ContentType)contentType));
            Assert.Equal(MlsError.Truncated, e.Error);
        }
    }

    [Fact]
    public void SenderData_RoundTrips_AndCutsAreTruncated()
    {
        byte[] encoded = MlsCodec.EncodeToArray(new SenderData(5, 0x01020304, 0xA0B0C0D0));
        Assert.Equal([0, 0, 0, 5, 1, 2, 3, 4, 0xA0, 0xB0, 0xC0, 0xD0], encoded);
        SenderData decoded = MlsCodec.DecodeExact<SenderData>(encoded, "sender_data");
        Assert.Equal(5u, decoded.LeafIndex);
        Assert.Equal(0x01020304u, decoded.Generation);
        Assert.Equal(0xA0B0C0D0u, decoded.ReuseGuard);
        for (int cut = 0; cut < encoded.Length; cut++)
            Assert.Equal(MlsError.Truncated, Assert.Throws<MlsException>(() => MlsCodec.DecodeExact<SenderData>(encoded.AsSpan(0, cut), "sender_data")).Error);
        Assert.Equal(MlsError.TrailingBytes, Assert.Throws<MlsException>(() => MlsCodec.DecodeExact<SenderData>([.. encoded, 0], "sender_data")).Error);
    }
}
