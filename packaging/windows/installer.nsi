; 大字读报 — Windows installer (NSIS 3, Modern UI 2, Simplified Chinese pages).
;
;   makensis -DVERSION=0.1.0 -DBUNDLE_DIR=..\..\dist\dazi-reader -DICON=..\..\build\icons\app.ico ^
;            -DOUTFILE=..\..\dist\dazi-reader-setup-0.1.0.exe packaging\windows\installer.nsi
;
; (relative paths are taken from this file's folder). BUNDLE_DIR is the PyInstaller
; one-folder bundle (dazi-reader.exe, dazi-reader-cli.exe, _internal\).
;
; What staff get: double-click, 下一步 a few times, and a 大字读报 icon on the desktop and
; in the Start menu. Installing a newer version over an older one replaces the program
; files only. Settings, the community's local information (address, phone numbers) and
; the article library live in %APPDATA%\dazi-reader, outside the install folder: neither
; this installer nor the uninstaller ever touches that folder.

Unicode true
ManifestDPIAware true
RequestExecutionLevel admin
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "..\..\dist\dazi-reader"
!endif
!ifndef ICON
  !define ICON "..\..\build\icons\app.ico"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\dazi-reader-setup-${VERSION}.exe"
!endif

!define APP_NAME "大字读报"
!define APP_ID "dazi-reader"
!define PUBLISHER "大字读报项目组"
!define MAIN_EXE "dazi-reader.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Name "${APP_NAME}"
Caption "${APP_NAME} ${VERSION} 安装"
UninstallCaption "卸载 ${APP_NAME}"
OutFile "${OUTFILE}"
; An ASCII folder name: some speech and printing components on older Windows still
; trip over non-ASCII paths. The shortcuts carry the Chinese name.
InstallDir "$PROGRAMFILES64\DaziReader"
; An upgrade goes where the previous version is.
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

; --- pages -----------------------------------------------------------------------------
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "安装 ${APP_NAME}"
!define MUI_WELCOMEPAGE_TEXT "这个程序会把“${APP_NAME}”装到这台电脑上。$\r$\n$\r$\n\
如果以前装过，会换成新版本；社区信息、设置和文章都会保留。$\r$\n$\r$\n\
请点“下一步”。"
!define MUI_FINISHPAGE_TITLE "${APP_NAME} 装好了"
!define MUI_FINISHPAGE_TEXT "桌面上和开始菜单里都有“${APP_NAME}”图标，双击就能打开。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${MAIN_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${APP_NAME}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从这台电脑上删除“${APP_NAME}”。社区信息、设置和文章不会删除，以后重新安装还能用。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

; --- helpers -----------------------------------------------------------------------------
; The running program locks its files; deleting its .exe tells whether it is running.
!macro CLOSE_PROGRAM_FIRST
  ${Do}
    ClearErrors
    ${If} ${FileExists} "$INSTDIR\${MAIN_EXE}"
      Delete "$INSTDIR\${MAIN_EXE}"
    ${EndIf}
    ${IfNot} ${Errors}
      ${Break}
    ${EndIf}
    ${IfCmd} MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION \
        "“${APP_NAME}”还开着。请先关掉它，再点“重试”。" /SD IDCANCEL IDCANCEL ${||} Abort ${|}
  ${Loop}
!macroend

!macro REMOVE_PROGRAM_FILES
  ; Only what the installer put there: never the whole folder, which a user may have
  ; pointed at a place holding other files.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\dazi-reader-cli.exe"
  Delete "$INSTDIR\dazi-reader.ico"
!macroend

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${APP_NAME} 需要 64 位的 Windows 10 或 Windows 11。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

; --- install -----------------------------------------------------------------------------
Section "Install"
  !insertmacro CLOSE_PROGRAM_FIRST
  ; An older version's files go first, so no library of it stays behind beside the new ones.
  !insertmacro REMOVE_PROGRAM_FILES

  SetOutPath "$INSTDIR"
  File /r "${BUNDLE_DIR}\*.*"
  File "/oname=dazi-reader.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${MAIN_EXE}" "" "$INSTDIR\dazi-reader.ico" 0
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${MAIN_EXE}" "" "$INSTDIR\dazi-reader.ico" 0

  ; Apps & Features (设置 > 应用) entry
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\dazi-reader.ico"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

; --- uninstall ---------------------------------------------------------------------------
Section "Uninstall"
  !insertmacro CLOSE_PROGRAM_FIRST
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  !insertmacro REMOVE_PROGRAM_FILES
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  ; %APPDATA%\dazi-reader (settings, local information, article library) stays: it is
  ; the users' and the community's, and a reinstall picks it up again.
SectionEnd
