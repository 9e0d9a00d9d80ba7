#!/bin/sh
# A CUPS backend that fails on demand, for the print tests (copied into a private cupsd's
# ServerBin by conftest.py). Its device URI names a file that holds the mode:
#   kioskfail:/path/to/mode
# ok         read the job and succeed
# slow       read the job, wait 1.5 s (so the "printing" state is seen), succeed
# paper-out  say the paper is out and stop the queue (CUPS_BACKEND_STOP = 4)
# offline    say the printer does not answer, then wait as real backends do
# stuck      accept the job and never finish
if [ $# -eq 0 ]; then
    echo 'direct kioskfail "Kiosk" "Kiosk test printer that fails on demand"'
    exit 0
fi
mode=$(cat "${DEVICE_URI#kioskfail:}" 2>/dev/null)
case "$mode" in
    paper-out)
        echo "STATE: +media-empty" >&2
        echo "ERROR: out of paper" >&2
        exit 4
        ;;
    offline)
        echo "STATE: +offline-report" >&2
        exec sleep 3600
        ;;
    stuck)
        exec sleep 3600
        ;;
    slow)
        cat >/dev/null
        sleep 1.5
        exit 0
        ;;
    *)
        cat >/dev/null
        exit 0
        ;;
esac
