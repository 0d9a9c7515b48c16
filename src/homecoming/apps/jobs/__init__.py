"""Long work, one way: a job row people watch (state, progress, result, cancel) beside a
django-tasks task that runs it. See ``services`` for the rules and ``kinds`` for how an
app declares a kind of job."""
