// RFC 9420 §6.1: struct { WireFormat wire_format; FramedContent content; FramedContentAuthData auth; }
// AuthenticatedContent, verified: its signature over FramedContentTBS checked against the sender's key (and, for a
// member's PublicMessage, its membership tag, PublicMessageProtection.Unprotect). docs/mls.md, "Decoded is not
// validated": the constructor is private, so Verify is the one way to obtain one, and code that acts on content takes
// this type. The confirmation tag of a commit is not covered (§8.2: it needs the next epoch's confirmation_key).
// It owns its content, whose application data is a Secret: Dispose wipes it.
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.KeySchedule;
using NoFuture.Mls.Wire;

namespace NoFuture.Mls.Framing;

/// <summary>Authenticated content whose signature was verified (RFC 9420 §6.1). Dispose wipes its application data.</summary>
internal sealed class AuthenticatedContent : IDisposable
{
    private AuthenticatedContent(WireFormat wireFormat, FramedContent content, FramedContentAuthData auth)
    {
        WireFormat = wireFormat;
        Content = content;
        Auth = auth;
    }

    internal WireFormat WireFormat { get; }

    internal FramedContent Content { get; }

    internal FramedContentAuthData Auth { get; }

    /// <summary>The received application data, in secret memory owned by this object (null unless the content is
    /// non-empty application data); read it through a lease before disposing this object.</summary>
    internal Secret? ApplicationData => Content.ApplicationData;

    /// <summary>Wipes the application data.</summary>
    public void Dispose() => Content.Dispose();

    /// <summary>Checks the signature of <paramref name="content"/> (FramedContentTBS with its wire format and, for a
    /// member or new_member_commit sender, <paramref name="context"/>) against the sender's key.</summary>
    /// <exception cref="MlsException"><see cref="MlsError.SignatureInvalid"/>.</exception>
    /// <exception cref="ArgumentException">The key is not of the suite's signature algorithm, or the context does not
    /// match the sender type.</exception>
    /// <param name="suite">The group's suite.</param>
    /// <param name="content">The content and its auth data.</param>
    /// <param name="context">The group context, exactly for a member or new_member_commit sender.</param>
    /// <param name="signaturePublicKey">The sender's key.</param>
    /// <param name="scratch">Optional secret working memory for the signed content, used when large enough (the
    /// caller wipes it); a new Secret otherwise.</param>
    internal static AuthenticatedContent Verify(MlsCipherSuite suite, UnverifiedAuthenticatedContent content,
        GroupContext? context, SignaturePublicKey signaturePublicKey, Secret? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(signaturePublicKey);
        if (signaturePublicKey.Algorithm != suite.Signature)
            MlsThrowHelper.ArgumentOutOfRange(nameof(signaturePublicKey), "The key is not of the suite's signature algorithm.");
        if (!FramedContentSignature.Verify(signaturePublicKey, content.WireFormat, content.Content, context, content.Auth.Signature, scratch))
            MlsThrowHelper.Protection(MlsError.SignatureInvalid);
        return new AuthenticatedContent(content.WireFormat, content.Content, content.Auth);
    }
}
