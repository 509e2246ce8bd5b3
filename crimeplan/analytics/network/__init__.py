"""Network analysis of criminal networks: build, measure, and simulate disruption (no Django).

- :mod:`.graph` builds a weighted, undirected network from links, optionally within a period.
- :mod:`.files` reads and writes nodes/edges CSV, adjacency-matrix CSV and GraphML.
- :mod:`.metrics` computes degree, betweenness, eigenvector centrality, k-core, components,
  bridges, articulation points and communities.
- :mod:`.disruption` removes nodes by each centrality, by greedy key players and at random, and
  reports what is left of the network.

igraph and networkx are imported inside the functions that use them.
"""

from crimeplan.analytics.network.graph import Link, Network, build_network

__all__ = ["Link", "Network", "build_network"]
