package theme

// portalWords are the words of the portal's lists and boards (channels,
// gaps, the comparison, the home page's list, the data page), kept apart
// from Words by topic; Word and Lookup read both. Every language has every
// key (TestWordsComplete).
var portalWords = map[string]map[string]string{
	"en": {
		"channels-online": "Online channels", "channels-offline": "Offline channels", "channels-other": "Other channels",
		"channel-online": "Online channel", "channel-offline": "Offline channel",
	},
	"ru": {
		"channels-online": "Онлайн-каналы", "channels-offline": "Офлайн-каналы", "channels-other": "Другие каналы",
		"channel-online": "Онлайн-канал", "channel-offline": "Офлайн-канал",
	},
	"pl": {
		"channels-online": "Kanały online", "channels-offline": "Kanały offline", "channels-other": "Inne kanały",
		"channel-online": "Kanał online", "channel-offline": "Kanał offline",
	},
}
