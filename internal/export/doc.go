// Package export writes the resolved portal as data for BI tools.
package export

import _ "github.com/santhosh-tekuri/jsonschema/v6"
