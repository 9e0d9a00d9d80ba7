"""One module per screen; each screen can retranslate itself and say what it shows."""
