package main

import (
	"context"
	"fmt"
	"io"

	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

// cmdSettings shows or changes the corpus settings, and a statement's
// numbering style:
//
//	zhen settings [--json]
//	zhen settings set numbering_style STYLE                the corpus default
//	zhen settings set numbering_style STYLE --document ID  one statement ("default": follow the corpus)
//	zhen settings set target_language en-GB|en-US|en      the corpus's English, for exports and imports
func cmdSettings(args []string, stdout io.Writer) error {
	if len(args) > 0 && args[0] == "set" {
		return settingsSet(args[1:], stdout)
	}
	fs, db := newFlags("settings")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("settings", pos); err != nil {
		return err
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	cs, err := st.Settings(context.Background())
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, cs)
	}
	fmt.Fprintf(stdout, "numbering_style %s\ntarget_language %s\n", cs.NumberingStyle, cs.TargetLanguage)
	return nil
}

func settingsSet(args []string, stdout io.Writer) error {
	fs, db := newFlags("settings set")
	doc := fs.Uint("document", 0, "the statement whose own style to set")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != store.SettingNumberingStyle && pos[0] != store.SettingTargetLanguage ||
		pos[0] == store.SettingTargetLanguage && *doc != 0 {
		return usageError{"settings set: zhen settings set numbering_style arabic|roman|outline [--document ID], or zhen settings set target_language en-GB|en-US|en"}
	}
	style := pos[1]
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	w := cliWorkbench(ctx, st)
	if pos[0] == store.SettingTargetLanguage {
		cs, err := w.ChangeSettings(ctx, cliActor(), workbench.ChangeSettings{Settings: store.CorpusSettings{TargetLanguage: pos[1]}})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "target_language %s: every export names its English so, and imports compare with it\n", cs.TargetLanguage)
		return nil
	}
	if *doc == 0 {
		cs, err := w.ChangeSettings(ctx, cliActor(), workbench.ChangeSettings{Settings: store.CorpusSettings{NumberingStyle: style}})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "numbering_style %s: the statements without a style of their own follow it\n", cs.NumberingStyle)
		return nil
	}
	if style == "default" {
		style = ""
	}
	d, err := w.SetNumberingStyle(ctx, cliActor(), workbench.SetNumberingStyle{Document: *doc, Style: style})
	if err != nil {
		return err
	}
	if d.NumberingStyle == "" {
		fmt.Fprintf(stdout, "document %d follows the corpus numbering style\n", d.ID)
	} else {
		fmt.Fprintf(stdout, "document %d: numbering_style %s\n", d.ID, d.NumberingStyle)
	}
	return nil
}
