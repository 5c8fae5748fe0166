"""Every relative link and anchor in the Markdown files and notebooks resolves."""

from tools import repo_checks as rc


def test_relative_links_and_anchors_resolve():
    problems = rc.link_problems(rc.markdown_files() + rc.notebook_files())
    assert not problems, "\n".join(problems)


def test_nothing_refers_to_files_outside_the_repository():
    # Readers only have the repository: no path may point at a sibling folder or at a machine-specific place.
    offenders = []
    for path in rc.repository_files():
        if path.suffix not in (".py", ".md", ".ipynb", ".cfg", ".toml", ".txt", ".yml", ".js"):
            continue
        if path.name == "test_links.py":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for needle in ("../shared", "/work/"):
            if needle in text:
                offenders.append(f"{rc.rel(path)} mentions {needle!r}")
    assert not offenders, "\n".join(offenders)
