"""crimeplan: evidence for the "Tackling crime and reoffending" part of a Police and Crime Plan."""

import os

# NumPy's OpenBLAS starts one thread per core when NumPy is imported, and they spin: about
# 0.08 CPU-s of every process that loads NumPy on a two-core machine, for nothing, since
# crimeplan's matrix work is sparse (SciPy) or tiny. Set the variable to use more.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
