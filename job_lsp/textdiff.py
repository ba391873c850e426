"""A line diff that stays fast on long files full of repeated lines.

`difflib.SequenceMatcher` is quadratic on such files (a pipeline repeats `type: uri_folder`
in every step): 12 s on a 5,000-line pipeline whose steps all moved a key. This is the
patience diff (what git's `--patience` and `--histogram` build on): the common head and tail
are trimmed, then the lines that occur exactly once on both sides anchor the match (their
longest increasing run, in O(k log k)), and each gap between anchors is diffed the same way,
where lines repeated in the whole file are often unique. A gap without unique lines is
anchored on its rarest common lines instead (histogram diff). The total work is bounded:
past about (n + m) * log2(n + m) steps, the gaps left are replaced whole, which is still a
correct diff, only less minimal.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

Block = tuple[int, int, int, int]  # a[i1:i2] becomes b[j1:j2]

SMALL = 80  # a gap with at most this many lines on each side is diffed exactly
RAREST_LIMIT = 64  # a gap's rarest common line occurring more often than this anchors nothing


def diff_lines(a: Sequence[str], b: Sequence[str]) -> list[Block]:
    """The blocks where `a` and `b` differ, in order: between two blocks (and before the
    first, after the last) the lines are equal. A block has i1 < i2 or j1 < j2 or both."""
    matches = _matches(a, b)
    blocks: list[Block] = []
    i = j = 0
    for mi, mj in matches + [(len(a), len(b))]:
        if mi > i or mj > j:
            blocks.append((i, mi, j, mj))
        i, j = mi + 1, mj + 1
    return blocks


def _matches(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) with a[i] == b[j], increasing in both."""
    total = len(a) + len(b)
    budget = 4 * (total + 1) * max(1, total.bit_length())
    found: list[tuple[int, int]] = []
    todo = [(0, len(a), 0, len(b))]
    while todo:
        a_lo, a_hi, b_lo, b_hi = todo.pop()
        while a_lo < a_hi and b_lo < b_hi and a[a_lo] == b[b_lo]:
            found.append((a_lo, b_lo))
            a_lo += 1
            b_lo += 1
        while a_lo < a_hi and b_lo < b_hi and a[a_hi - 1] == b[b_hi - 1]:
            a_hi -= 1
            b_hi -= 1
            found.append((a_hi, b_hi))
        if a_lo == a_hi or b_lo == b_hi:
            continue
        if a_hi - a_lo <= SMALL and b_hi - b_lo <= SMALL:
            found.extend(_exact(a, a_lo, a_hi, b, b_lo, b_hi))
            continue
        budget -= (a_hi - a_lo) + (b_hi - b_lo)
        if budget < 0:
            continue  # out of budget: this gap is replaced whole
        cuts = _cuts(a, b, _anchors(a, a_lo, a_hi, b, b_lo, b_hi), a_lo, b_lo, a_hi, b_hi)
        i, j = a_lo, b_lo
        for ai, bj in cuts:
            found.append((ai, bj))
            if ai > i and bj > j:
                todo.append((i, ai, j, bj))
            i, j = ai + 1, bj + 1
        if cuts and a_hi > i and b_hi > j:
            todo.append((i, a_hi, j, b_hi))
    found.sort()
    return found


def _cuts(a: Sequence[str], b: Sequence[str], anchors: list[tuple[int, int]], i: int, j: int, a_hi: int, b_hi: int) -> list[tuple[int, int]]:
    """The anchors to split a gap at: few, so that the pieces between them are diffed
    exactly, and at the least indented lines, which in indented text (YAML) begin the blocks
    that moved lines stay inside (a key moved within a step is matched within its step, not
    by its own line across the step's others)."""
    cuts = []
    k = 0
    while k < len(anchors):
        window = []
        while k < len(anchors) and anchors[k][0] - i <= SMALL and anchors[k][1] - j <= SMALL:
            window.append(anchors[k])
            k += 1
        if not window:  # the next anchor is far: the piece before it is split again in turn
            window.append(anchors[k])
            k += 1
        elif k == len(anchors) and a_hi - i <= SMALL and b_hi - j <= SMALL:
            break  # the rest, up to the gap's end, is one small piece
        best = min(window, key=lambda p: (_indent(a[p[0]]), -p[0]))
        k = anchors.index(best, max(0, k - len(window))) + 1
        cuts.append(best)
        i, j = best[0] + 1, best[1] + 1
    return cuts


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _exact(a: Sequence[str], a_lo: int, a_hi: int, b: Sequence[str], b_lo: int, b_hi: int) -> list[tuple[int, int]]:
    """A small gap's matches, the most lines kept (difflib: quadratic, so on small gaps only)."""
    from difflib import SequenceMatcher  # lazy: the server starts faster without it

    matcher = SequenceMatcher(None, a[a_lo:a_hi], b[b_lo:b_hi], autojunk=False)
    return [(a_lo + x + k, b_lo + y + k) for x, y, size in matcher.get_matching_blocks() for k in range(size)]


def _anchors(a: Sequence[str], a_lo: int, a_hi: int, b: Sequence[str], b_lo: int, b_hi: int) -> list[tuple[int, int]]:
    """Matching lines to split a gap at: those once on each side, else the rarest ones."""
    in_a: dict[str, list[int]] = {}
    for i in range(a_lo, a_hi):
        in_a.setdefault(a[i], []).append(i)
    in_b: dict[str, list[int]] = {}
    for j in range(b_lo, b_hi):
        line = b[j]
        if line in in_a:
            in_b.setdefault(line, []).append(j)
    if not in_b:
        return []
    rarest = min(max(len(in_a[line]), len(js)) for line, js in in_b.items())
    if rarest > RAREST_LIMIT:
        return []
    pairs = []
    for line, js in in_b.items():
        is_ = in_a[line]
        if max(len(is_), len(js)) == rarest:
            pairs.extend(zip(is_, js))  # the k-th occurrence in a with the k-th in b
    pairs.sort()
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs (sorted by i) whose j increase too (patience sorting)."""
    tops: list[int] = []  # tops[k]: the smallest j ending an increasing run of length k + 1
    top_at: list[int] = []  # index in pairs of that j
    back: list[int] = []  # for each pair, the index of the pair before it in its run
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(tops, j)
        if k == len(tops):
            tops.append(j)
            top_at.append(n)
        else:
            tops[k] = j
            top_at[k] = n
        back.append(top_at[k - 1] if k else -1)
    run = []
    n = top_at[-1] if top_at else -1
    while n != -1:
        run.append(pairs[n])
        n = back[n]
    run.reverse()
    return run
