// Package browsertest drives the reviewer console in a real browser (Debian's chromium, headless, through
// chromedp) against a real server: sign-in, queue, case, images, a keyboard decision, accessibility checked by
// axe-core (the pinned npm package beside this file, installed by make). It holds tests only.
package browsertest
