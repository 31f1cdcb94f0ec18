"""policybrief: offline extractive policy briefs and digests of op-eds and news articles."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policybrief")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"
