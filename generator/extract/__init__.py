"""Extract stage: a record and its sections -> ``Extraction`` (design, population, findings), by
``study.extract_study``. The package itself loads none of its rules: a build that finds every file in
its cache needs few of them.
"""
