// A party inside the libsignal peer process (tests/Shared/peer/libsignal-peer.mjs), addressed by a ServiceId name so
// libsignal fills the addresses field of its prekey messages, with helpers to move bundles and messages across.
using System.Text.Json.Nodes;
using NoFuture.Tests.Shared;

namespace NoFuture.Sessions.Tests.Interop;

internal sealed class LibsignalParty
{
    private readonly LibsignalPeer _peer;

    internal LibsignalParty(LibsignalPeer peer, byte deviceId = 1)
    {
        _peer = peer;
        Address = new SessionAddress(Guid.NewGuid(), deviceId);
        JsonObject reply = peer.Request(new JsonObject { ["cmd"] = "party_create", ["name"] = Name, ["deviceId"] = (int)deviceId });
        IdentityKey = LibsignalPeer.Bytes(reply, "identityKey");
    }

    internal SessionAddress Address { get; }

    internal string Name => Address.ServiceId.ToString("D");

    internal byte[] IdentityKey { get; }

    /// <summary>libsignal's bundle, imported (and verified) by us.</summary>
    internal PreKeyBundle CreateBundle(bool oneTime)
    {
        JsonObject b = _peer.Request(new JsonObject { ["cmd"] = "party_bundle", ["name"] = Name, ["oneTime"] = oneTime });
        return ImportBundle(b);
    }

    internal JsonObject CreateBundleJson(bool oneTime) =>
        _peer.Request(new JsonObject { ["cmd"] = "party_bundle", ["name"] = Name, ["oneTime"] = oneTime });

    internal static PreKeyBundle ImportBundle(JsonObject b) =>
        PreKeyBundle.Import(b["registrationId"]!.GetValue<uint>(), b["deviceId"]!.GetValue<uint>(), b["preKeyId"]?.GetValue<uint>(),
            b["preKey"] is null ? default : LibsignalPeer.Bytes(b, "preKey"), b["signedPreKeyId"]!.GetValue<uint>(),
            LibsignalPeer.Bytes(b, "signedPreKey"), LibsignalPeer.Bytes(b, "signedPreKeySignature"), LibsignalPeer.Bytes(b, "identityKey"),
            b["kyberPreKeyId"]!.GetValue<uint>(), LibsignalPeer.Bytes(b, "kyberPreKey"), LibsignalPeer.Bytes(b, "kyberPreKeySignature"));

    /// <summary>Our bundle given to libsignal's processPreKeyBundle.</summary>
    internal void ProcessBundle(PreKeyBundle bundle, SessionAddress remote)
    {
        var request = new JsonObject
        {
            ["cmd"] = "process_bundle",
            ["name"] = Name,
            ["remote"] = remote.ServiceId.ToString("D"),
            ["remoteDevice"] = (int)remote.DeviceId,
            ["registrationId"] = bundle.RegistrationId,
            ["deviceId"] = bundle.DeviceId,
            ["preKeyId"] = bundle.PreKeyId,
            ["preKey"] = bundle.PreKeyId is null ? null : Convert.ToBase64String(bundle.PreKey),
            ["signedPreKeyId"] = bundle.SignedPreKeyId,
            ["signedPreKey"] = Convert.ToBase64String(bundle.SignedPreKey),
            ["signedPreKeySignature"] = Convert.ToBase64String(bundle.SignedPreKeySignature),
            ["identityKey"] = Convert.ToBase64String(bundle.IdentityKey),
            ["kyberPreKeyId"] = bundle.KyberPreKeyId,
            ["kyberPreKey"] = Convert.ToBase64String(bundle.KyberPreKey),
            ["kyberPreKeySignature"] = Convert.ToBase64String(bundle.KyberPreKeySignature),
        };
        _peer.Request(request);
    }

    internal byte[] Encrypt(SessionAddress remote, byte[] plaintext) =>
        LibsignalPeer.Bytes(_peer.Request(new JsonObject
        {
            ["cmd"] = "encrypt",
            ["name"] = Name,
            ["remote"] = remote.ServiceId.ToString("D"),
            ["remoteDevice"] = (int)remote.DeviceId,
            ["plaintext"] = Convert.ToBase64String(plaintext),
        }), "message");

    internal byte[] Decrypt(SessionAddress remote, byte[] message) =>
        LibsignalPeer.Bytes(_peer.Request(new JsonObject
        {
            ["cmd"] = "decrypt",
            ["name"] = Name,
            ["remote"] = remote.ServiceId.ToString("D"),
            ["remoteDevice"] = (int)remote.DeviceId,
            ["message"] = Convert.ToBase64String(message),
        }), "plaintext");
}
