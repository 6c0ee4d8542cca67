module github.com/pkcelogs/pkcelogs

go 1.26.0

require (
	github.com/hack-pad/safejs v0.1.0
	github.com/machinebox/graphql v0.2.2
	github.com/maxence-charriere/go-app/v9 v9.8.0
	github.com/vektah/gqlparser/v2 v2.5.64
	golang.org/x/oauth2 v0.37.0
)

require (
	github.com/agnivade/levenshtein v1.2.2 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/matryer/is v1.4.1 // indirect
	github.com/pkg/errors v0.9.1 // indirect
)
