/**
 * The voice bot's calls: {@link org.arivoice.voicebot.call.VoiceBot} serves every caller of the Stasis
 * application, connecting the media path (bridge, snoop, ExternalMedia, RTP) and an OpenAI Realtime session
 * in parallel, with barge-in, tools, limits, failure recovery and clean teardown.
 */
package org.arivoice.voicebot.call;
