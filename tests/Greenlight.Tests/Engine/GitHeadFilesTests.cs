using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Greenlight.Tests.Signoffs;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Engine;

/// <summary>
/// The commit and branch read from .git files are what git itself prints, in every layout a spec
/// may sit in; where the files are not certain, the reader declines and git is asked.
/// </summary>
public sealed class GitHeadFilesTests
{
    [Fact]
    public async Task Branch_InTheRootAndInASubfolder_IsWhatGitPrints()
    {
        using var repo = await GitRepository.CreateAsync();
        repo.Write("deploy/greenlight.yaml", "version: 1\n");
        await repo.CommitAsync("first");
        await repo.CommitAsync("second");

        await ShouldMatchGitAsync(repo, repo.Path);
        await ShouldMatchGitAsync(repo, Path.Combine(repo.Path, "deploy"));
        GitHeadFiles.TryRead(repo.Path)!.Branch.ShouldBe("main");
    }

    [Fact]
    public async Task PackedRefs_AfterPackRefs_IsWhatGitPrints()
    {
        using var repo = await GitRepository.CreateAsync();
        await repo.CommitAsync("first");
        await repo.GitAsync("tag", "-a", "v1", "-m", "v1");
        await repo.GitAsync("pack-refs", "--all");
        File.Exists(Path.Combine(repo.Path, ".git", "refs", "heads", "main")).ShouldBeFalse("the branch lives in packed-refs only now");

        await ShouldMatchGitAsync(repo, repo.Path);
    }

    [Fact]
    public async Task DetachedHead_IsTheCommitAndHead()
    {
        using var repo = await GitRepository.CreateAsync();
        var first = await repo.CommitAsync("first");
        await repo.CommitAsync("second");
        await repo.GitAsync("checkout", "-q", "--detach", first);

        await ShouldMatchGitAsync(repo, repo.Path);
        GitHeadFiles.TryRead(repo.Path).ShouldBe(new GitHead(first, "HEAD"));
    }

    [Fact]
    public async Task LinkedWorktree_ReadsItsOwnHeadAndTheSharedRefs()
    {
        using var repo = await GitRepository.CreateAsync();
        await repo.CommitAsync("first");
        using var elsewhere = new TempDirectory();
        var tree = Path.Combine(elsewhere.Path, "feature-tree");
        await repo.GitAsync("worktree", "add", "-q", "-b", "feature", tree);
        await repo.GitAsync("-C", tree, "-c", "user.name=Bo", "-c", "user.email=bo@example.com", "commit", "-q", "--allow-empty", "-m", "on feature");

        var head = GitHeadFiles.TryRead(tree);
        head.ShouldNotBeNull("a worktree's .git is a file pointing at its git folder");
        head.Branch.ShouldBe("feature");
        head.Commit.ShouldBe((await repo.GitAsync("-C", tree, "rev-parse", "HEAD")).Trim());
        GitHeadFiles.TryRead(repo.Path)!.Branch.ShouldBe("main");
    }

    [Fact]
    public async Task NoCommitYet_HasNeitherCommitNorBranch_AsGitRevParseFails()
    {
        using var repo = await GitRepository.CreateAsync();

        GitHeadFiles.TryRead(repo.Path).ShouldBe(GitHead.NoCommit);
        var provenance = await RunProvenance.DetectAsync(repo.Path, TimeProvider.System, CancellationToken.None);
        provenance.GitCommit.ShouldBeNull();
        provenance.GitBranch.ShouldBeNull();
    }

    [Fact]
    public async Task SymbolicBranchRef_OrReftable_Declines_AndProvenanceAsksGit()
    {
        using var repo = await GitRepository.CreateAsync();
        var commit = await repo.CommitAsync("first");
        await repo.GitAsync("symbolic-ref", "refs/heads/alias", "refs/heads/main");
        await repo.GitAsync("symbolic-ref", "HEAD", "refs/heads/alias");

        GitHeadFiles.TryRead(repo.Path).ShouldBeNull("a branch that is itself a symbolic ref is git's to resolve");
        var provenance = await RunProvenance.DetectAsync(repo.Path, TimeProvider.System, CancellationToken.None);
        provenance.GitCommit.ShouldBe(commit);
        provenance.GitBranch.ShouldBe((await repo.GitAsync("rev-parse", "--abbrev-ref", "HEAD")).Trim());

        await repo.GitAsync("symbolic-ref", "HEAD", "refs/heads/main");
        await repo.GitAsync("config", "extensions.refStorage", "reftable");
        GitHeadFiles.TryRead(repo.Path).ShouldBeNull("reftable refs are not loose files");
    }

    [Fact]
    public async Task OutsideARepository_HasNoCommit_WithoutAskingGit_AsGitAgrees()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "deploy"));

        var gitSays = await GitRepository.TryGitAsync(dir.Path, "rev-parse", "HEAD");
        gitSays.ShouldBeNull("the test's temp folder must be outside any repository for this test to mean anything");
        GitHeadFiles.TryRead(Path.Combine(dir.Path, "deploy")).ShouldBe(GitHead.NoCommit);
        (await RunProvenance.DetectAsync(dir.Path, TimeProvider.System, CancellationToken.None)).GitCommit.ShouldBeNull();
    }

    [Fact]
    public async Task InsideABareRepository_Declines_AndProvenanceAsksGit()
    {
        using var repo = await GitRepository.CreateAsync();
        var commit = await repo.CommitAsync("first");
        using var elsewhere = new TempDirectory();
        var bare = Path.Combine(elsewhere.Path, "bare.git");
        await repo.GitAsync("clone", "-q", "--bare", repo.Path, bare);

        GitHeadFiles.TryRead(bare).ShouldBeNull("a bare repository has no .git; git knows it by its HEAD and objects");
        (await RunProvenance.DetectAsync(bare, TimeProvider.System, CancellationToken.None)).GitCommit.ShouldBe(commit);
    }

    private static async Task ShouldMatchGitAsync(GitRepository repo, string directory)
    {
        var commit = (await repo.GitAsync("-C", directory, "rev-parse", "HEAD")).Trim();
        var branch = (await repo.GitAsync("-C", directory, "rev-parse", "--abbrev-ref", "HEAD")).Trim();
        GitHeadFiles.TryRead(directory).ShouldBe(new GitHead(commit, branch));
        var provenance = await RunProvenance.DetectAsync(directory, TimeProvider.System, CancellationToken.None);
        (provenance.GitCommit, provenance.GitBranch).ShouldBe((commit, branch));
    }
}
