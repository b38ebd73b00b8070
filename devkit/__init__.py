"""Development helpers shared by the tests (tests/) and the benchmarks (benchmarks/): not part of
the site. Installed with the project (`make install`), so both import it without path edits."""
