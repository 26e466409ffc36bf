namespace CryptoFunctions.Tests.Infrastructure;

/// <summary>
/// Where the real services and shared data are. Missing services fail the tests rather than skip them:
/// run the suite through `make test`, which starts PostgreSQL and Azurite and exports these variables.
/// </summary>
public static class TestEnvironment
{
    public static string PostgresAdmin => Required("CRYPTOFN_TEST_POSTGRES");

    public static string Storage => Required("CRYPTOFN_TEST_STORAGE");

    public static string RepositoryRoot { get; } = FindRoot();

    public static string FixturePath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>The recorded data that sits beside the project (see shared/README.md).</summary>
    public static string SharedPath(params string[] parts) => Path.Combine([RepositoryRoot, "..", "shared", .. parts]);

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests with `make test`, which starts PostgreSQL and Azurite.");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CryptoFunctions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("CryptoFunctions.sln not found above the test output directory.");
    }
}
