// The README's NoFuture.Sessions example, kept compiling and true (the same lines, then checks).
using NoFuture.Memory;
using NoFuture.Sessions;

namespace NoFuture.Examples.Readme; // outside NoFuture.Sessions.*, as user code is

public class ReadmeSessionExampleTests
{
    [Fact]
    public void SessionInTenLines()
    {
        using QuantumIdentity alice = QuantumIdentity.Generate(), bob = QuantumIdentity.Generate();
        PreKeyBundle bundle = bob.CreatePreKeyBundle();
        using QuantumSession a = QuantumSession.Initiate(alice, bundle);
        byte[] first = a.Encrypt("hello"u8);
        using QuantumSession b = QuantumSession.Accept(bob, first, out Secret? hello);
        Assert.NotNull(hello);
        Assert.True(hello.FixedTimeEquals("hello"u8));
        hello?.Dispose();
        using Secret? hi = a.Decrypt(b.Encrypt("hi"u8));
        using Secret state = a.Export();

        Assert.NotNull(hi);
        Assert.True(hi.FixedTimeEquals("hi"u8));
        Assert.True(state.Length > 0);
        Assert.Equal(SessionError.Duplicate, Assert.Throws<SessionException>(() => b.Decrypt(first)).Reason);
    }
}
