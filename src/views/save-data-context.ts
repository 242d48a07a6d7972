// Whether the page is rendered for a reader who asked to save data (Save-Data: on). A Preact
// context, so the Picture component deep in any page sees it without every page passing it down.
import { createContext } from 'preact'

export const SaveDataContext = createContext(false)
