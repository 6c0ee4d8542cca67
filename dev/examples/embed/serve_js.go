//go:build js

package main

// serve has nothing to do in the browser: the server half is in server.go.
func serve() {}
