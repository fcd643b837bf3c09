namespace NoFuture.Native.Tests;

/// <summary>
/// The test classes that use the published library share one <see cref="NativeLibraryFixture"/> (one publish per
/// run): a fixture per class would publish into the same folder, which each fixture first deletes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedNativeLibrary : ICollectionFixture<NativeLibraryFixture>
{
    public const string Name = "libnofuture.so";
}
