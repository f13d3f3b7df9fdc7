"""Field surveys defined as XLSForm, answered in chat by registered volunteers.

`xlsform` reads a form with pyxform and refuses what the chat cannot run (`checks`,
`expressions`); `form` is the form as the chat runs it; `interview` walks it with the answers,
`runner` answers one turn of an interview, `prompts` asks each question, `answers` reads each
type of answer; `chat` is the entry from the conversation, `handlers` the dispatcher keys;
`service` loads forms and keeps interviews; `export` writes CSV/XLSX; `jobs` fetches photos and
builds console exports; `views` is the console, `cli` the `asabot surveys` commands.
"""
