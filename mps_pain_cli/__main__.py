from mps_pain_cli.main import main

raise SystemExit(main())
