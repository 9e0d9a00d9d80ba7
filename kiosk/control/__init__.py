"""The local control socket and its client (`kiosk ctl`)."""
