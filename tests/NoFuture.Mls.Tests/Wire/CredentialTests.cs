// RFC 9420 §5.3 Credential: messages.json holds only basic credentials, so the x509 form (a vector of opaque
// cert_data) is checked here on a built value, and an unknown credential_type, whose content has no defined length,
// is refused rather than guessed at.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Credentials;

namespace NoFuture.Mls.Tests.Wire;

public class CredentialTests
{
    [Fact]
    public void X509_RoundTripsWithItsCertificates()
    {
        Credential built = Credential.X509([[0x30, 0x01], [], [0x30, 0x02, 0x03]]);
        byte[] encoded = MlsCodec.EncodeToArray(built);
        // credential_type 2, then 8 bytes of certificates: each cert_data with its own one-byte length header.
        Assert.Equal(Convert.FromHexString("0002" + "08" + "023001" + "00" + "03300203"), encoded);
        Credential decoded = MlsCodec.DecodeExact<Credential>(encoded, "credential");
        Assert.Equal(CredentialType.X509, decoded.Type);
        Assert.Equal(3, decoded.CertificateCount);
        Assert.Equal([0x30, 0x02, 0x03], decoded.GetCertificate(2).ToArray());
        Assert.Equal(encoded, MlsCodec.EncodeToArray(decoded));
    }

    [Fact]
    public void Basic_RoundTrips()
    {
        byte[] encoded = MlsCodec.EncodeToArray(Credential.Basic("alice"u8));
        Assert.Equal(Convert.FromHexString("0001" + "05" + "616c696365"), encoded);
        Assert.Equal("alice"u8.ToArray(), MlsCodec.DecodeExact<Credential>(encoded, "credential").Identity.ToArray());
    }

    [Theory]
    [InlineData("0000" + "00")]
    [InlineData("0003" + "00")]
    [InlineData("0a0a" + "00")]
    public void UnknownCredentialType_IsInvalidValue(string hex)
    {
        var e = Assert.Throws<MlsException>(() => MlsCodec.DecodeExact<Credential>(Convert.FromHexString(hex), "credential"));
        Assert.Equal(MlsError.InvalidValue, e.Error);
    }

    [Fact]
    public void CertificateCutByItsVector_IsTruncated()
    {
        // The vector announces 2 bytes, its one certificate announces 3: the element may not borrow past the vector.
        var e = Assert.Throws<MlsException>(() =>
            MlsCodec.DecodeExact<Credential>(Convert.FromHexString("0002" + "02" + "0330" + "0102"), "credential"));
        Assert.Equal(MlsError.Truncated, e.Error);
    }
}
