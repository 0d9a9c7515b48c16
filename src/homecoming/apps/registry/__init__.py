"""The registry: persons with their GC III / GC IV particulars, custody events, and the
held and sought lists each party submits in versions (imports, diffs, exports).
"""
